"""Regions, units and people: who is who, and where."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    """A province, city or county-level region, with its administrative code.

    `path` lists the codes from the province down (`37/3703/370321`), so that "every region
    under this city" is one indexed prefix query.
    """

    class Level(models.TextChoices):
        PROVINCE = "province", _("省")
        CITY = "city", _("市")
        COUNTY = "county", _("县（市、区）")

    class Webhook(models.TextChoices):
        NONE = "", _("不使用")
        DINGTALK = "dingtalk", _("钉钉群机器人")
        WECOM = "wecom", _("企业微信群机器人")

    name = models.CharField(_("名称"), max_length=60)
    code = models.CharField(_("行政区划代码"), max_length=12, unique=True)
    level = models.CharField(_("级别"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("上级")
    )
    path = models.CharField(max_length=120, db_index=True, editable=False)
    webhook_kind = models.CharField(
        _("群机器人类型"), max_length=10, choices=Webhook.choices, blank=True, default=""
    )
    webhook_url = models.URLField(_("群机器人地址"), blank=True, default="")

    class Meta:
        verbose_name = _("行政区")
        verbose_name_plural = _("行政区")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.path = f"{self.parent.path}/{self.code}" if self.parent_id else self.code
        super().save(*args, **kwargs)

    def contains(self, other: Region) -> bool:
        return other.path == self.path or other.path.startswith(self.path + "/")


class Unit(models.Model):
    """A responsible unit (责任单位) of one region: 县教育和体育局, 县妇联…"""

    region = models.ForeignKey(Region, models.PROTECT, related_name="units", verbose_name=_("行政区"))
    name = models.CharField(_("名称"), max_length=80)
    email = models.EmailField(_("联系邮箱"), blank=True, default="")

    class Meta:
        verbose_name = _("责任单位")
        verbose_name_plural = _("责任单位")
        ordering = ["region", "name"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="unit_name_unique_in_region")]

    def __str__(self) -> str:
        return self.name


class UnitAlias(models.Model):
    """Another way the same unit is written (区教体局 for 区教育和体育局)."""

    unit = models.ForeignKey(Unit, models.CASCADE, related_name="aliases", verbose_name=_("单位"))
    name = models.CharField(_("别名"), max_length=80)

    class Meta:
        verbose_name = _("单位别名")
        verbose_name_plural = _("单位别名")
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="alias_unique_per_unit")]

    def __str__(self) -> str:
        return self.name


class Person(AbstractUser):
    """Someone who signs in. The role decides what they may see and do (see access.py)."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("系统管理员")
        CITY_COORDINATOR = "city_coordinator", _("市级协调员")
        COORDINATOR = "coordinator", _("协调员（妇儿工委办公室）")
        LEADER = "leader", _("领导（只读）")
        SUPERVISOR = "supervisor", _("督查室")
        REPORTER = "reporter", _("填报员（责任单位）")
        CONGRESS = "congress", _("人大工作人员")
        DEPUTY = "deputy", _("人大代表")

    role = models.CharField(_("角色"), max_length=20, choices=Role.choices, default=Role.REPORTER)
    region = models.ForeignKey(
        Region, models.PROTECT, null=True, blank=True, related_name="people", verbose_name=_("行政区")
    )
    unit = models.ForeignKey(
        Unit, models.PROTECT, null=True, blank=True, related_name="people", verbose_name=_("单位")
    )
    display_name = models.CharField(_("姓名"), max_length=40, blank=True, default="")
    phone = models.CharField(_("电话"), max_length=30, blank=True, default="")

    class Meta:
        verbose_name = _("人员")
        verbose_name_plural = _("人员")

    def __str__(self) -> str:
        return self.display_name or self.username


class InAppNotice(models.Model):
    """A message (消息) shown to a person inside the application: reminders, returns, submissions,
    督办 and their answers. Not to be confused with the government's notice (通知) a plan is made from.

    `key` names the event a message is about (`report-submitted:12:2`): a person gets at most one
    message per key, so that a retried request or a double click tells them once (messages.notify).
    Messages sent without a key are never merged."""

    person = models.ForeignKey(Person, models.CASCADE, related_name="notices")
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=300, blank=True, default="")
    key = models.CharField(max_length=120, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("消息")
        verbose_name_plural = _("消息")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["person", "read_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "key"], condition=~models.Q(key=""), name="message_once_per_person_and_key"
            )
        ]

    def __str__(self) -> str:
        return self.text
