"""The `shishi` command. `shishi parse FILE` reads a notice and prints what it found."""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata

from shishi.notice import Notice, NoticeError, load_notice
from shishi.notice.themes import THEME_NAMES

FREQUENCY_NAMES = {"quarterly": "每季度", "monthly": "每月", "half-yearly": "每半年", "yearly": "每年"}
OP_SIGNS = {">=": "≥", "=": "=", "<=": "≤", "~": "≈"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="shishi", description="实事：读取为妇女儿童办实事通知")
    commands = parser.add_subparsers(dest="command", required=True)
    parse = commands.add_parser("parse", help="读取通知文件（txt、docx、pdf、html）并输出结构化结果")
    parse.add_argument("file", help="通知文件路径")
    parse.add_argument("--format", choices=("json", "text"), default="json", help="json（默认）或 text")
    save = commands.add_parser("backup", help="备份数据库和全部上传文件到一个文件（.tar.gz）")
    save.add_argument("file", help="备份文件路径")
    load = commands.add_parser("restore", help="用备份文件替换数据库和全部上传文件")
    load.add_argument("file", help="备份文件路径")
    load.add_argument("--yes", action="store_true", help="确认替换现有全部数据")
    args = parser.parse_args(argv)
    if args.command in ("backup", "restore"):
        return _backup_or_restore(args)

    try:
        notice = load_notice(args.file)
    except NoticeError as error:
        print(f"shishi: {error}", file=sys.stderr)
        return 2
    if args.format == "json":
        json.dump(notice.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(summary(notice))
    return 0


def _backup_or_restore(args) -> int:
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shishi.settings")
    django.setup()
    from shishi.backup import BackupError, backup, restore

    if args.command == "backup":
        manifest = backup(args.file)
        print(
            f"已备份：{sum(manifest['counts'].values())} 条记录，"
            f"{len(manifest['files'])} 个文件 → {args.file}"
        )
        return 0
    if not args.yes:
        print("shishi: 恢复会替换现有全部数据和文件；确认无误请加 --yes", file=sys.stderr)
        return 2
    try:
        manifest = restore(args.file)
    except BackupError as error:
        print(f"shishi: {error}", file=sys.stderr)
        return 2
    print(
        f"已恢复：{sum(manifest['counts'].values())} 条记录，"
        f"{len(manifest['files'])} 个文件（备份于 {manifest['created']}）"
    )
    return 0


def summary(notice: Notice) -> str:
    """A readable summary for a person: header, projects with units and targets, warnings."""
    out = [
        f"{notice.title or '（无标题）'}",
        f"  发文机关：{notice.issuer or '—'}    文号：{notice.doc_number or '—'}"
        f"    年度：{notice.year or '—'}",
        f"  地区：{notice.region or '—'}    成文日期：{notice.issued_on or '—'}",
        "",
    ]
    for project in notice.projects:
        partners = [u for u in project.units if u not in project.lead_units]
        out.append(f"{project.seq}. {project.title}  [{THEME_NAMES.get(project.theme, project.theme)}]")
        out.append(f"   牵头单位：{'、'.join(project.lead_units) or '（未写明）'}")
        if partners:
            out.append(f"   配合单位：{'、'.join(partners)}")
        details = [
            f"{label}：{value}"
            for label, value in (
                ("类别", project.category),
                ("完成时限", project.deadline_text),
                (
                    "年度投资",
                    f"{_number(project.investment)}万元" if project.investment is not None else None,
                ),
            )
            if value
        ]
        if details:
            out.append("   " + "    ".join(details))
        if project.targets:
            rows = [
                (t.indicator, OP_SIGNS.get(t.op, t.op), _number(t.value), t.unit, t.kind)
                for t in project.targets
            ]
            out += ["   " + line for line in _table(("指标", "", "目标值", "单位", "类型"), rows)]
        out.append("")
    reporting = notice.reporting
    out.append(
        f"报送：{FREQUENCY_NAMES.get(reporting.frequency or '', '—')}报{reporting.to or '—'}"
        f"（{'、'.join(reporting.formats) or '形式未写明'}）  电话：{reporting.phone or '—'}"
        f"  邮箱：{reporting.email or '—'}  完成期限：{reporting.deadline or '—'}"
        f"  列入督查：{'是' if reporting.supervision else '否'}"
    )
    if notice.attachment:
        out.append(f"附件：{notice.attachment.title or '（无标题）'}，{len(notice.attachment.rows)}行")
    out.append("")
    out.append(f"提示（{len(notice.warnings)}）：" if notice.warnings else "提示：无")
    out += [f"  - {w.message}" for w in notice.warnings]
    return "\n".join(out) + "\n"


def _number(value: int | float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _table(head: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    cells = [tuple(map(str, row)) for row in [head, *rows]]
    widths = [max(_width(row[i]) for row in cells) for i in range(len(head))]
    return ["  ".join(c + " " * (w - _width(c)) for c, w in zip(row, widths)).rstrip() for row in cells]


if __name__ == "__main__":
    sys.exit(main())
