from django import template

from shishi.oversight.lights import rule_text

register = template.Library()


@register.filter
def get_item(mapping, key):
    """`{{ mapping|get_item:key }}`: templates cannot index a dict by a variable."""
    return mapping.get(key) if mapping else None


@register.simple_tag
def light_rule(plan) -> str:
    """`{% light_rule plan %}`: the lights rule with the plan's thresholds (oversight/lights.py)."""
    return rule_text(plan.yellow_points, plan.red_points)
