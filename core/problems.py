"""Every error the server answers, in one place: its HTTP status, Chinese and English text.

A key is the ``code`` clients see, or ``code.variant`` when one code says different things in
different places (``forbidden.transition``: still ``forbidden`` on the wire). ``{placeholders}``
are filled with ``str.format``; a ``Both`` value (a noun, a state's label) gives each language
its own word. ``render`` refuses a key not listed here, so a typo fails at once.

The status is what a REST answer carries; a sync mutation's refusal carries none of its own (it is
listed in the push answer), but keeps the status it gets when the office's API raises it.

Below ``PROBLEMS``, the messages of codes that only ever sit inside an answer (a ledger row's
error, a photo's evidence flag) have tables of their own, without a status; ``say`` fills them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from string import Formatter
from typing import Any, NamedTuple


class Both(NamedTuple):
    """A value said differently in each language."""

    zh: str
    en: str


@dataclass(frozen=True)
class Problem:
    status: int
    zh: str
    en: str
    defaults: Mapping[str, Any] = field(default_factory=dict)


class UnknownProblem(KeyError):
    """A key the catalogue does not list."""


P = Problem

# nouns for {what} (not_found, id_taken)
NOUNS: dict[str, Both] = {
    "content": Both("内容", "Item"),
    "project": Both("项目", "Project"),
    "checklist": Both("检查表", "Checklist"),
    "checklist_item": Both("检查项", "Checklist item"),
    "county": Both("县（区）", "County"),
    "inspection": Both("检查记录", "Inspection"),
    "corrected_inspection": Both("被更正的检查记录", "Inspection to correct"),
    "problem": Both("问题", "Problem"),
    "unit": Both("责任单位", "Unit"),
    "report": Both("代表反映", "Report"),
    "photo": Both("照片", "Photo"),
}

# a region's level ({level} of the region errors)
REGION_LEVELS: dict[str, Both] = {
    "province": Both("省", "province"),
    "city": Both("市", "city"),
    "county": Both("县（区）", "county"),
    "township": Both("乡镇（街道）", "township"),
    "village": Both("村（社区）", "village"),
}

# what is wrong with a bulletin's period ({detail} of bad_period; also the field's error)
PERIOD_DETAILS: dict[str, Both] = {
    "not_a_date": Both("日期「{text}」格式不正确（例：2023-07-31）", "{text} is not a date"),
    "from_after_to": Both("开始日期不能晚于截止日期", "from is after to"),
    "to_after_today": Both("截止日期不能晚于今天", "to is in the future"),
    "too_early": Both("开始日期不能早于 {first}", "from is before {first}"),
    "too_long": Both(
        "期间不能超过 {years} 年，请缩短日期范围", "the period is longer than {years} years"
    ),
}

PROBLEMS: dict[str, Problem] = {
    # --- any request ---
    "bad_request": P(400, "请求格式不正确", "The request is malformed"),
    "bad_request.too_deep": P(
        400,
        "提交的内容层次太深（最多 {depth} 层）",
        "The JSON body nests deeper than {depth} levels",
    ),
    "bad_request.positive_int": P(
        400, "参数「{field}」应为正整数", "{field} must be a positive whole number"
    ),
    "bad_request.year": P(
        400, "年度应为 2000–2100 之间的四位年份", "The batch year must be four digits, 2000–2100"
    ),
    "forbidden": P(403, "您没有权限进行此操作", "You are not allowed to do this"),
    "not_found": P(
        404,
        "找不到该{what}，可能已被删除或您无权查看",
        "{what} not found",
        {"what": NOUNS["content"]},
    ),
    "method_not_allowed": P(405, "不支持该操作", "Method not allowed"),
    "conflict": P(409, "数据已被修改，请刷新后重试", "Conflict; reload and try again"),
    "payload_too_large": P(413, "文件太大", "The upload is too large"),
    "payload_too_large.body": P(413, "提交的内容太大", "The request body is too large"),
    "unsupported_media_type": P(415, "不支持该文件类型", "Unsupported file type"),
    "validation_error": P(422, "填写的内容有误，请检查标红的项目", "Some fields are invalid"),
    "too_many_attempts.later": P(
        429, "操作过于频繁，请稍后再试", "Too many requests; try again later"
    ),
    "invalid_value": P(
        400,
        "填写的内容有误：数字过大、日期超出范围或含有无法识别的字符，请检查后重试",
        "A value is too large, out of range or holds characters that cannot be stored",
    ),
    "invalid_text": P(
        400,
        "含有无法识别的字符（不完整的 Unicode 编码），请删除后重试",
        "Contains an unreadable character (a broken Unicode sequence); delete it and try again",
    ),
    # also a text field's messages (server/text.py) and a ledger cell's (code invalid_text)
    "invalid_text.control": P(
        400,
        "含有不可见的控制字符，请删除后重试",
        "Contains invisible control characters; delete them and try again",
    ),
    "invalid_text.line_break": P(
        400, "不能换行，请写在一行内", "Must be one line, without line breaks"
    ),
    "bad_format": P(
        400,
        "不支持的格式「{kind}」，可选 json、xlsx、pdf",
        "Unknown format {kind}; use json, xlsx or pdf",
    ),
    "bad_format.json_or_pdf": P(400, "格式只能是 json 或 pdf", "Use format=json or pdf"),
    "server_error": P(500, "服务器出错了，请稍后再试", "Server error; please try again later"),
    "busy_retry": P(
        503,
        "系统正忙，请稍后再试（数据已保留在手机上）",
        "The server is busy; please try again in a moment",
    ),
    # --- auth and users ---
    "login_required": P(401, "请先登录", "Please log in"),
    "invalid_credentials": P(401, "用户名或密码错误", "Wrong username or password"),
    "account_disabled": P(401, "该账号已停用，请联系管理员", "This account is disabled"),
    "csrf_failed": P(
        403, "页面已过期，请刷新后重试（CSRF 校验失败）", "CSRF check failed; reload the page"
    ),
    "too_many_attempts": P(
        429,
        "登录失败次数过多，请 {minutes} 分钟后再试",
        "Too many failed logins; try again in {minutes} minutes",
    ),
    "too_many_attempts.seconds": P(
        429,
        "登录失败次数过多，请 {seconds} 秒后再试",
        "Too many failed logins; try again in {seconds} seconds",
    ),
    "username_taken": P(409, "用户名已存在", "That username is taken"),
    "cannot_disable_self": P(409, "不能停用自己的账号", "You cannot disable yourself"),
    "cannot_reset_self": P(
        409,
        "不能重置自己的密码，请在「修改密码」中设置",
        "You cannot reset your own password; change it instead",
    ),
    "cannot_change_own_role": P(409, "不能修改自己的角色", "You cannot change your own role"),
    "password_change_required": P(
        403,
        "请先修改密码（管理员重置了您的密码，需设置新密码后才能继续使用）",
        "Change your password first (an administrator reset it)",
    ),
    "wrong_password": P(422, "当前密码不正确", "The current password is wrong"),
    "password_unchanged": P(
        422, "新密码不能与当前密码相同", "The new password must differ from the current one"
    ),
    # --- regions and units (server/regions) ---
    "region_not_found": P(404, "地区「{name}」不存在", "There is no region {name}"),
    "region_ambiguous": P(
        409,
        "有多个地区名为「{name}」：{paths}；请写出上级，例如「{example}」",
        "Several regions are called {name}: {paths}; name a parent too, e.g. {example}",
    ),
    "region_taken": P(
        409, "「{parent}」下已有地区「{name}」", "{parent} already has a region called {name}"
    ),
    "region_code_taken": P(
        409, "地区代码「{code}」已被「{other}」使用", "Region code {code} is already {other}'s"
    ),
    "region_level_order": P(
        422,
        "{level}不能设在{parent_level}「{parent}」之下（层级顺序：省、市、县（区）、乡镇（街道）、村（社区））",
        "A {level} cannot sit under the {parent_level} {parent} "
        "(order: province, city, county, township, village)",
    ),
    "region_parent_required": P(422, "{level}必须指定上级地区", "A {level} needs a parent region"),
    "not_a_county": P(
        422, "「{name}」是{level}，不是县（区）", "{name} is a {level}, not a county"
    ),
    "unit_code_taken": P(
        409, "单位编码「{code}」已被「{other}」使用", "Unit code {code} is already {other}'s"
    ),
    "unit_name_taken": P(
        409, "「{county}」已有单位「{name}」", "{county} already has a unit called {name}"
    ),
    # --- sync engine (push) ---
    "client_mismatch": P(
        403,
        "该设备编号属于另一位用户，请退出后重新登录",
        "This client id belongs to another user; log out and in again",
    ),
    "schema_version_unsupported": P(
        409,
        "应用版本与服务器不兼容，请刷新页面更新应用后再同步（待同步的数据会保留）",
        "This app version is not supported; reload to update (nothing unsynced is lost)",
    ),
    "payload_too_large.sync": P(
        413,
        "一次同步的数据太大（上限 {mb} MB），请联系管理员",
        "The sync request is too large (limit {mb} MB)",
    ),
    "busy_retry.sync": P(
        503,
        "服务器正忙，同步稍后会自动重试（待同步的数据都保留在手机上）",
        "The server is busy; syncing will retry shortly (nothing unsynced is lost)",
    ),
    "unknown_mutation": P(422, "不认识的操作「{name}」，请更新应用", "Unknown mutation {name}"),
    "invalid_args": P(422, "数据格式不正确（{detail}）", "Invalid arguments ({detail})"),
    "invalid_args.too_deep": P(
        422, "数据层次过深，无法处理", "The arguments are nested too deeply"
    ),
    "invalid_args.unstorable": P(
        422,
        "内容中含有无法保存的字符（控制字符 NUL 或残缺的文字编码），请删除后重试",
        "The text holds a character that cannot be stored (NUL or a lone surrogate)",
    ),
    "invalid_args.dates": P(
        422,
        "日期超出范围（{fields}），请检查手机的日期和时间设置后重试",
        "Date out of range ({fields}); check the phone's date and time",
    ),
    "args_too_large": P(
        413,
        "内容太大（{size_kb} KB，上限 {limit_kb} KB），无法同步，请删减后重新填写",
        "The change is too large ({size_kb} KB, limit {limit_kb} KB)",
    ),
    "server_error.mutation": P(
        500,
        "服务器处理该操作时出错，已记录，请联系管理员",
        "The server failed on this change; it was logged",
    ),
    "id_taken": P(409, "{what}编号已被占用", "{what} id is already taken"),
    # --- inspections and their review ---
    "forbidden.new_inspection": P(
        403, "只有督查员可以新建检查", "Only inspectors create inspections"
    ),
    "inspection_submitted": P(
        409,
        "该检查已提交，不能再修改；如需更正请新建一版检查",
        "The inspection is submitted and can no longer change; create a correction instead",
    ),
    "inspection_submitted.photo": P(
        409, "该检查已提交，不能再添加照片", "The inspection is submitted"
    ),
    "not_submitted": P(
        409,
        "只能更正已提交或被退回的检查",
        "Only a submitted or returned inspection can be corrected",
    ),
    "template_locked": P(
        409, "已有答案，不能更换检查表", "Answers exist; the checklist cannot change"
    ),
    "incomplete": P(422, "还有必填项未回答：{items}", "Required items are unanswered: {items}"),
    "invalid_value.yes_no_na": P(
        422, "「{item}」只能回答 是 / 否 / 不适用", "{item}: must be yes, no or na"
    ),
    "invalid_value.number": P(422, "「{item}」请填写数字", "{item}: must be a number"),
    "invalid_value.text": P(
        422, "「{item}」请填写文字（5000 字以内）", "{item}: must be text up to 5000 characters"
    ),
    "invalid_value.choice": P(422, "「{item}」不是可选的选项", "{item}: is not one of the options"),
    "invalid_value.photo": P(
        422, "「{item}」应为照片编号列表", "{item}: must be a list of photo ids"
    ),
    "invalid_value.gps": P(
        422, "「{item}」应为定位（纬度、经度）", "{item}: must be a location with lat and lon"
    ),
    "invalid_value.kind": P(422, "「{item}」检查项类型未知", "{item}: unknown item kind"),
    # checklists the office designs (issue 13; server/inspections/designer.py, values.py)
    "invalid_value.integer": P(422, "「{item}」请填写整数", "{item}: must be a whole number"),
    "invalid_value.range": P(422, "「{item}」应{range}", "{item}: must be {range}"),
    "invalid_value.multiple_choice": P(
        422,
        "「{item}」应为可选选项的列表（不重复）",
        "{item}: must be a list of its options, each once",
    ),
    "invalid_value.date": P(
        422, "「{item}」应为日期（例：2026-12-07）", "{item}: must be a date (YYYY-MM-DD)"
    ),
    "photo_min_count": P(
        422,
        "以下照片项照片不够：{items}",
        "These photo items need more photos: {items}",
    ),
    "template_not_for_project": P(
        422,
        "这张检查表属于其他县，不能用于该项目",
        "This checklist belongs to another county and cannot be used for this project",
    ),
    "template_not_latest": P(
        409,
        "这不是该检查表的最新版本，请在最新版本上修改",
        "This is not the newest version of the checklist; edit the newest one",
    ),
    "template_read_only": P(
        403,
        "系统自带的检查表不能修改，可新建一张本县的检查表",
        "A shipped checklist cannot be changed; design one for the county instead",
    ),
    "upload_too_large.xlsform": P(
        413, "文件太大（最多 {mb} MB）", "The file is too large (at most {mb} MB)"
    ),
    "xlsform_refused": P(
        422,
        "该 XLSForm 有 {count} 处无法导入，未导入任何内容",
        "{count} rows of this XLSForm cannot be imported; nothing was imported",
    ),
    "not_submitted.review": P(
        409, "该检查尚未提交，不能审核", "This inspection has not been submitted"
    ),
    "already_reviewed.approved": P(
        409, "该检查已审核通过，不能再次审核", "This inspection has already been approved"
    ),
    "already_reviewed.returned": P(
        409,
        "该检查已退回督查员，请等待更正后重新提交的新版本",
        "This inspection was returned to the inspector; wait for the corrected version",
    ),
    # --- problems (issues): the state machine, extensions, evidence, limits ---
    "forbidden.new_problem": P(
        403, "只有督查员和督查室可以登记问题", "Only inspectors and the office record problems"
    ),
    "project_required": P(422, "请选择问题所属的项目", "Choose the project the problem belongs to"),
    "invalid_transition": P(
        409,
        "问题当前为「{current}」，不能改为「{to}」",
        "A problem in state {current} cannot move to {to}",
    ),
    "forbidden.transition": P(
        403,
        "您的角色不能把问题从「{current}」改为「{to}」",
        "Your role cannot move a problem from {current} to {to}",
    ),
    "state_changed": P(
        409,
        "问题已是「{state}」，您的操作（改为「{to}」）未生效，已记录供督查室处理",
        "The problem is already {state}; your change to {to} was kept as a conflict",
    ),
    "state_changed.reload": P(
        409,
        "问题已是「{state}」，您的操作（改为「{to}」）未生效，请刷新后重试",
        "The problem is already {state}; your change to {to} was not made, reload and try again",
    ),
    "unit_and_deadline_required": P(
        422, "交办需要选择责任单位并填写整改期限", "Assigning needs a unit and a deadline"
    ),
    "unit_out_of_area": P(
        422,
        "「{unit}」不是该问题所在县（区）的单位，不能交办给它；请选择本县（区）的责任单位",
        "{unit} is not a unit of the problem's county; choose one of that county's units",
    ),
    "reason_required": P(422, "请填写原因", "A reason is required"),
    "evidence_required": P(
        422, "报告已整改需要附整改后的照片", "Reporting a fix needs photo evidence"
    ),
    "evidence_required.verify": P(
        422,
        "复核需要附复核时拍摄的现场照片",
        "Verifying a fix needs a photo taken at the check",
    ),
    "close_flags_need_reason": P(
        422,
        "照片存在疑点（{flags}），销号须写明理由",
        "Photos of the fix raised warnings ({flags}); closing needs a reason",
    ),
    "photo_stage_not_yours": P(
        422,
        "您不能上传「{stage}」照片（整改照片由责任单位上传，代表照片由人大代表上传）",
        "You cannot add a {stage} photo (the unit adds rectification photos, deputies report "
        "photos)",
    ),
    "duplicate_of_required": P(422, "请选择与之重复的问题", "Choose the problem it duplicates"),
    "duplicate_of_self": P(422, "问题不能与自己重复", "A problem cannot duplicate itself"),
    "forbidden.extension_request": P(
        403, "只有责任单位可以申请延期", "Only the responsible unit asks for extensions"
    ),
    "extension_not_open": P(
        409, "问题当前为「{state}」，不能申请延期", "A problem in state {state} cannot be extended"
    ),
    "extension_pending": P(
        409,
        "已有一份延期申请等待督查室审批",
        "An extension request is already waiting for the office",
    ),
    "reason_required.extension": P(422, "请填写延期原因", "A reason is required"),
    "deadline_required": P(422, "请填写申请延期到的日期", "Give the deadline asked for"),
    "deadline_not_later": P(
        422,
        "申请的期限应晚于现在的整改期限",
        "The deadline asked for must be later than the current one",
    ),
    "forbidden.extension_decision": P(
        403, "只有督查室可以审批延期", "Only the office decides extensions"
    ),
    "no_pending_extension": P(
        409,
        "该问题没有待审批的延期申请（可能已被处理）",
        "There is no extension request waiting (it may have been decided)",
    ),
    "deadline_required.approval": P(422, "批准延期需要填写新的期限", "Give the new deadline"),
    "reason_required.refusal": P(422, "请填写不同意延期的原因", "A reason is required"),
    "evidence_not_found": P(
        422,
        "所附照片不是为该问题拍摄的或尚未登记，请在问题页重新拍照后提交",
        "The photos given are not this problem's (or were never attached); take them again",
    ),
    "evidence_not_yours.unit": P(
        422,
        "所附照片须由本单位拍摄上传，不能使用其他单位或督查员的照片",
        "The photos must be taken by your unit, not by another unit or the inspectors",
    ),
    "evidence_not_yours.office": P(
        422,
        "所附照片须由督查人员拍摄上传，不能使用其他单位或督查员的照片",
        "The photos must be taken by an inspector or the office, not by another unit or the "
        "inspectors",
    ),
    "evidence_before_assignment": P(
        422,
        "所附照片是在问题交办之前登记的，不能证明整改，请拍摄整改后的现场照片",
        "The photos were attached before the problem was assigned; take photos of the fix",
    ),
    "evidence_reused": P(
        422,
        "所附照片与该问题之前的照片相同，请拍摄整改后的现场照片",
        "The photos are the same as an earlier photo of this problem; take photos of the fix",
    ),
    "evidence_similar": P(
        422,
        "所附照片与该问题之前的照片几乎相同，请拍摄整改后的现场照片",
        "The photos look the same as an earlier photo of this problem; take photos of the fix",
    ),
    "too_many_comments": P(
        422,
        "您一小时内已发表 {most} 条意见，已达上限，请稍后再发",
        "You have posted {most} comments in the last hour, the limit; try again later",
    ),
    "too_many_conflicts": P(
        422,
        "问题已被他人改变，而您一小时内已有 {most} 次操作与之冲突，本次未记录；"
        "请先同步，看清问题的最新状态后再操作",
        "The problem changed meanwhile and you had {most} conflicting moves in the last hour; "
        "this one was not recorded. Sync and look at the problem first",
    ),
    "slip_too_long": P(
        422, "交办单内容过长，无法排成一页", "The slip's text does not fit one page"
    ),
    # --- deputies' reports ---
    "forbidden.new_report": P(403, "只有人大代表可以提交代表反映", "Only deputies file reports"),
    "project_required.report": P(422, "请选择反映的项目或所在地区", "Choose a project"),
    "report_status.accept": P(
        409, "该反映当前为「{current}」，不能受理", "The report is {current}; it cannot be accepted"
    ),
    "report_status.decline": P(
        409,
        "该反映当前为「{current}」，不能不予受理",
        "The report is {current}; it cannot be declined",
    ),
    "report_status.reply": P(
        409,
        "该反映当前为「{current}」，不能答复",
        "The report is {current}; it cannot be replied to",
    ),
    "not_replied": P(422, "督查室答复后才能评价", "You can rate once the office has replied"),
    "reason_required.rating": P(
        422,
        "选择不满意时请写明原因，督查室将据此重新交办",
        "Say why you are dissatisfied: the office reassigns the problem with it",
    ),
    # --- photos: the sync record, the tus upload, the bytes ---
    "photo_too_large": P(
        422, "照片超过 {mb} MB，请压缩后再上传", "The photo is larger than {mb} MB"
    ),
    "photo_size_mismatch": P(
        422,
        "照片大小与其校验值不符，请在手机上重新拍照",
        "The photo's size does not match its SHA-256; take the photo again",
    ),
    "photo_pending": P(404, "照片尚未上传完成", "The photo has not been uploaded yet"),
    "tus_version_unsupported": P(
        412,
        "上传协议版本不受支持（需要 tus 1.0.0），请更新应用",
        "Unsupported tus version; 1.0.0 is required",
    ),
    "upload_length_invalid": P(
        400, "缺少或无效的文件大小（Upload-Length）", "Upload-Length is missing or invalid"
    ),
    "upload_too_large": P(
        413, "照片太大，不能超过 {max_mb} MB", "The photo is too large (at most {max_mb} MB)"
    ),
    "upload_metadata_invalid": P(
        400, "上传信息（Upload-Metadata）格式不正确", "Upload-Metadata is malformed"
    ),
    "sha256_missing": P(
        400,
        "缺少照片的 SHA-256 校验值（Upload-Metadata 中的 sha256），请更新应用后重新上传",
        "Upload-Metadata must carry the photo's sha256",
    ),
    "sha256_invalid": P(
        400,
        "照片的 SHA-256 校验值格式不正确（应为 64 位十六进制）",
        "sha256 must be 64 hexadecimal digits",
    ),
    "upload_not_found": P(
        404,
        "找不到该上传，可能已过期或已被删除",
        "No such upload; it may have expired or been deleted",
    ),
    "too_many_staged_uploads": P(
        429,
        "未完成的上传太多（每人最多 {max_uploads} 个、共 {max_mb} MB），请等正在上传的照片传完后再试",
        "Too many unfinished uploads (at most {max_uploads}, {max_mb} MB in all per user); "
        "let those under way finish first",
    ),
    "upload_expired": P(410, "上传已过期，请重新上传", "The upload has expired; start again"),
    "upload_offset_invalid": P(
        400, "缺少或无效的上传位置（Upload-Offset）", "Upload-Offset is missing or invalid"
    ),
    "upload_offset_mismatch": P(
        409,
        "上传位置不一致，请查询进度后继续上传",
        "Upload-Offset does not match; ask for the offset and resume",
    ),
    "upload_content_type": P(
        415,
        "分片的 Content-Type 必须是 application/offset+octet-stream",
        "PATCH needs Content-Type: application/offset+octet-stream",
    ),
    "upload_length_exceeded": P(
        413, "上传的数据超出了声明的文件大小", "More bytes than Upload-Length were sent"
    ),
    "upload_interrupted": P(
        400,
        "上传中断，已收到的部分已保存，请继续上传",
        "The upload was interrupted; what arrived is kept, resume it",
    ),
    "upload_locked": P(
        423, "该照片正在上传中，请稍后重试", "Another request is writing this upload; retry later"
    ),
    "checksum_unsupported": P(
        400,
        "不支持该校验算法（支持 sha1、md5、sha256）",
        "Unsupported checksum algorithm (sha1, md5, sha256)",
    ),
    "checksum_invalid": P(
        400, "分片校验值（Upload-Checksum）格式不正确", "Upload-Checksum is malformed"
    ),
    "checksum_mismatch": P(
        460, "分片校验失败，请重新发送该分片", "The chunk's checksum does not match; send it again"
    ),
    "sha256_mismatch": P(
        460,
        "照片校验失败（SHA-256 不一致），请重新上传",
        "The photo's SHA-256 does not match; upload it again",
    ),
    "empty_file": P(
        422,
        "照片文件是空的，请重新拍摄上传",
        "The photo file is empty; please take the photo again and upload it",
    ),
    "not_an_image": P(
        422,
        "这不是照片文件，请上传手机相机拍摄的照片",
        "This file is not a photo; please upload a photo taken with the phone camera",
    ),
    "truncated_image": P(
        422,
        "照片文件已损坏或不完整，请重新拍摄上传",
        "The photo file is damaged or incomplete; please take the photo again and upload it",
    ),
    "decompression_bomb": P(
        422,
        "照片像素太多（超过 6000 万像素），无法处理",
        "The image has too many pixels (more than 60 megapixels) to be processed",
    ),
    "decompression_bomb.decoded": P(
        422,
        "照片解码后太大（像素多且色深高，超过 {mb} MB），无法处理，请上传手机相机拍摄的照片",
        "The decoded image would take more than {mb} MB (many pixels, deep colour); "
        "please upload a photo taken with the phone camera",
    ),
    "image_too_small": P(
        422,
        "照片尺寸太小（至少 {min_side}×{min_side} 像素），请上传相机拍摄的原图",
        "The image is too small (at least {min_side}×{min_side} pixels); "
        "please upload the camera's original photo",
    ),
    "unsupported_format": P(
        415,
        "暂不支持 {format} 格式，请上传 JPEG 照片",
        "{format} images are not supported; please upload a JPEG photo",
    ),
    "unsupported_format.heic": P(
        415,
        "暂不支持 HEIC 格式，请在手机相机设置中选择“兼容性最佳”（JPEG）",
        "HEIC photos are not supported; set the phone camera to “Most Compatible” (JPEG)",
    ),
    # --- bulletins (通报) and the dashboard ---
    "bad_period": P(400, "通报期间有误：{detail}", "Invalid bulletin period: {detail}"),
    "bad_period.year": P(
        400,
        "年份「{text}」有误（例：2023，不晚于今年）",
        "year={text} is not a year up to this one",
    ),
    "bad_period.as_of": P(
        400,
        "日期「{text}」有误（例：2023-07-31，{first_year} 年以后、不晚于今天）",
        "as_of={text} is not a day from {first_year} up to today",
    ),
    "region_required": P(400, "请选择通报的地区", "Choose the region of the bulletin"),
    "bulletin_published": P(
        409, "{bulletin}已发布，不能再修改", "{bulletin} is published and can no longer change"
    ),
    "font_missing": P(
        500,
        "服务器缺少中文字体（fonts-noto-cjk），无法生成 PDF",
        "The server lacks the CJK font (fonts-noto-cjk) to make the PDF",
    ),
    # --- planning: random checks and tasks ---
    "empty_population": P(422, "没有符合条件的项目", "No project is eligible"),
    "invalid_share": P(422, "抽取比例应大于 0 且不超过 100%", "Bad share"),
    "invalid_size": P(422, "抽取数量至少为 1", "Draw at least one project"),
    "sample_too_large": P(
        422,
        "抽取数量（{size}）大于符合条件的项目数（{population}）",
        "The sample ({size}) is larger than the population ({population})",
    ),
    "not_a_random_plan": P(
        422, "只有随机查清单可以重新抽取核对", "Only a random check can be redrawn"
    ),
    "unknown_algorithm": P(
        422,
        "该清单用 {algorithm} 抽取，本系统版本无法重新抽取核对",
        "Drawn with {algorithm}, which this version cannot redraw",
    ),
    "task_done": P(
        409, "任务已完成，不能改派：{tasks}", "A finished task cannot be reassigned: {tasks}"
    ),
    "assignee_out_of_scope": P(
        422,
        "{assignee} 不负责以下项目所在的乡镇或地区：{projects}",
        "{assignee} does not cover: {projects}",
    ),
}


# --- messages of codes listed inside an answer, never answered by themselves (no status) ---

# the ledger import's row errors (server/projects/ledger/, server/projects/importing.py): a file's
# problem (row 0) is the whole message; a cell's problem follows where it is (LEDGER_PLACES)
LEDGER_ROWS: dict[str, Both] = {
    # the file
    "empty_file": Both("文件中没有项目数据", "The file holds no project rows"),
    "missing_column": Both(
        "表头（第 {row} 行）缺少必需的列『{column}』（也可写作：{also}）",
        "The header (row {row}) lacks the required column {column}",
    ),
    "missing_column.no_header": Both(
        "找不到表头：前 {rows} 行中没有同时包含『{column}』和至少两个其他列名"
        "（如 项目编号、责任单位、计划完成时间）的行",
        "No header found: none of the first {rows} rows names {column} "
        "and at least two other known columns",
    ),
    "unreadable_file.damaged": Both(
        "无法读取文件『{filename}』：文件已损坏或不是 Excel 文件",
        "Cannot read the file {filename}: it is damaged or not an Excel file",
    ),
    "unreadable_file.encoding": Both(
        "无法读取文件『{filename}』：文字编码无法识别（请保存为 UTF-8 或 GBK）",
        "Cannot read the file {filename}: unknown text encoding",
    ),
    "unreadable_file.not_text": Both(
        "无法读取文件『{filename}』：不是文本表格文件",
        "Cannot read the file {filename}: it is not a text table",
    ),
    "unreadable_file.csv": Both(
        "无法读取文件『{filename}』：CSV 格式有误", "Cannot read the file {filename}: malformed CSV"
    ),
    "unreadable_file.old_xls": Both(
        "无法读取文件『{filename}』：不支持旧版 .xls 或加密的文件，请在 Excel 中另存为 .xlsx 后再导入",
        "Cannot read the file {filename}: old .xls or encrypted workbooks are not supported; "
        "save it as .xlsx",
    ),
    "unreadable_file.suffix": Both(
        "无法读取文件『{filename}』：只支持 .xlsx 或 .csv 文件",
        "Cannot read the file {filename}: only .xlsx and .csv files are supported",
    ),
    # a cell (an English one ending in "got" or ":" is followed by the cell's text)
    "required": Both("不能为空", "must not be empty"),
    "required.with": Both("填写了{given}时不能为空", "must not be empty when {given} is given"),
    "required.township": Both(
        "不能为空（填写了村（社区）时必须填写乡镇）", "required when a village is given"
    ),
    "required.level": Both("不能为空（新项目须填写层级）", "is required for a new project"),
    "invalid_date": Both("无法识别", "cannot read the date"),
    "invalid_date.no_year": Both("缺少年份", "has no year in the date"),
    "out_of_range.year": Both("年份超出范围（{low}–{high}）", "has a year outside {low}–{high}:"),
    "date_order": Both("早于开工时间（{start}）", "is earlier than the start date {start}:"),
    "invalid_number": Both("无法识别为数字", "cannot read the number"),
    "invalid_number.money": Both("无法识别为金额", "cannot read the amount"),
    "invalid_number.percent": Both("无法识别为百分比", "cannot read the percentage"),
    "invalid_number.coordinate": Both("无法识别为坐标", "cannot read the coordinate"),
    "out_of_range": Both("超出范围（{low}–{high}）", "must be within {low}–{high}, got"),
    "out_of_range.negative": Both("不能为负数", "must not be negative, got"),
    "unknown_level": Both(
        "无法识别（可填：{levels}）", "is not a known level (accepted: {levels}), got"
    ),
    "invalid_year": Both(
        "不是有效的年度（填四位年份，如 2023 或 2023年）",
        "is not a batch year (four digits, e.g. 2023), got",
    ),
    "year_mismatch": Both(
        "与导入时选择的年度 {year} 不一致",
        "differs from the batch year {year} chosen for the import:",
    ),
    "duplicate_code": Both(
        "与第 {first_row} 行的项目编号重复", "repeats the code of row {first_row}:"
    ),
}

# a row's problem in an accounts workbook (server/auth/bulk.py): 第 {row} 行『{column}』 goes before
ACCOUNT_ROWS: dict[str, Both] = {
    "missing_column": Both("表头缺少必需的列『{column}』", "The header lacks the column {column}"),
    "empty_file": Both("文件中没有账号", "The file holds no accounts"),
    "too_many_rows": Both(
        "一次最多导入 {limit} 个账号", "At most {limit} accounts can be imported at once"
    ),
    "required": Both("不能为空", "must not be empty"),
    "bad_username": Both(
        "只能包含字母、数字和 _ . -，2–64 位", "may hold letters, digits and _ . - (2–64)"
    ),
    "username_taken": Both("用户名「{username}」已存在", "{username} is taken"),
    "username_repeated": Both(
        "与第 {first_row} 行的用户名重复", "repeats the username of row {first_row}"
    ),
    "unknown_role": Both(
        "无法识别的角色「{text}」（可填：{roles}）", "{text} is not a role (accepted: {roles})"
    ),
    "unknown_unit": Both("单位编码「{code}」不存在", "there is no unit {code}"),
    "too_long": Both("最多 {limit} 个字", "must be at most {limit} characters"),
    "unreadable": Both(
        "无法读取文件，请上传 Excel（.xlsx）文件", "Cannot read the file; upload an .xlsx workbook"
    ),
}

# a row's problem in a county's regions-and-units workbook (server/regions/importing.py)
REGION_ROWS: dict[str, Both] = {
    "no_sheet": Both(
        "文件中没有可识别的工作表：乡镇村社区表需要『乡镇（街道）』列，单位表需要『单位编码』和『单位名称』列",
        "No sheet is recognised: townships need a 乡镇（街道） column, units 单位编码 and 单位名称",
    ),
    "required": Both("不能为空", "must not be empty"),
    "code_taken": Both("代码「{code}」已被「{other}」使用", "code {code} is already {other}'s"),
    "code_repeated": Both("与第 {first_row} 行的代码重复", "repeats the code of row {first_row}"),
    "unit_repeated": Both("与第 {first_row} 行的单位重复", "repeats the unit of row {first_row}"),
    "unit_code_taken": Both(
        "单位编码「{code}」已被「{other}」使用", "unit code {code} is already {other}'s"
    ),
    "unit_name_taken": Both(
        "本县已有单位「{name}」（编码 {code}）", "the county already has {name} (code {code})"
    ),
    "unreadable": Both(
        "无法读取文件，请上传 Excel（.xlsx）文件", "Cannot read the file; upload an .xlsx workbook"
    ),
}

# an XLSForm's problems (server/inspections/xlsform*.py): the file's are the whole message; a row's
# follows where it is (XLSFORM_PLACES). Refusals (errors, unsupported) import nothing; ignored
# rows (metadata the server records itself) are only listed
XLSFORM_ROWS: dict[str, Both] = {
    # the file
    "unreadable": Both(
        "无法读取文件『{filename}』：不是 Excel（.xlsx）文件或文件已损坏",
        "Cannot read the file {filename}: it is not an .xlsx workbook or it is damaged",
    ),
    "unreadable.old_xls": Both(
        "无法读取文件『{filename}』：不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 后再导入",
        "Cannot read the file {filename}: old .xls workbooks are not supported; save it as .xlsx",
    ),
    "no_survey": Both(
        "文件中没有『survey』工作表（XLSForm 的题目表），请确认这是 XLSForm 格式的表单",
        "The workbook has no survey sheet; is it an XLSForm?",
    ),
    "missing_column": Both(
        "『{sheet}』工作表缺少必需的列『{column}』", "The {sheet} sheet lacks the column {column}"
    ),
    "no_items": Both(
        "『survey』工作表中没有可导入的题目", "The survey sheet holds no question to import"
    ),
    "too_many_rows": Both(
        "『survey』工作表最多 {limit} 行", "The survey sheet may hold at most {limit} rows"
    ),
    # a row that is wrong
    "no_type": Both("缺少题型（type）", "has no type"),
    "no_name": Both("缺少字段名（name）", "has no name"),
    "duplicate_name": Both(
        "字段名「{name}」与第 {first_row} 行重复", "repeats the name {name} of row {first_row}"
    ),
    "no_label": Both("缺少题目文字（label）", "has no label"),
    "no_list_name": Both("{type} 后缺少选项列表名", "{type} needs the name of a choice list"),
    "no_list": Both(
        "选项列表「{list}」在『choices』工作表中不存在",
        "the choice list {list} is not on the choices sheet",
    ),
    "duplicate_choice": Both(
        "选项列表「{list}」中的选项「{name}」与第 {first_row} 行重复",
        "repeats the choice {name} of list {list} from row {first_row}",
    ),
    "repeated_label": Both(
        "选项列表「{list}」中有两个选项的文字都是「{label}」，请改成不同的文字",
        "two choices of the list {list} read {label}; make them different",
    ),
    "choice_without_list": Both("缺少选项列表名（list_name）", "has no list_name"),
    "too_long": Both("超过 {limit} 个字", "is longer than {limit} characters"),
    "bad_range": Both(
        "数值范围的下限 {low} 大于上限 {high}", "the lower bound {low} is above the upper {high}"
    ),
    "unmatched_end": Both("{type} 没有对应的开始行", "{type} has no matching begin row"),
    "unclosed_group": Both("题组没有结束行（end_group）", "the group is never closed (end_group)"),
    # a row this system cannot map (the form is fine for ODK, but not for 现场)
    "relevant": Both(
        "设置了显示条件（relevant）：检查表的题目不能按条件显示",
        "has a condition (relevant); checklist items cannot be shown conditionally",
    ),
    "group_relevant": Both(
        "题组设置了显示条件（relevant）：检查表不支持按条件显示的题组",
        "the group has a condition (relevant); conditional groups are not supported",
    ),
    "calculate": Both("计算题（calculate）不支持", "calculations are not supported"),
    "calculation": Both("设置了计算公式（calculation），不支持", "calculations are not supported"),
    "repeat": Both("重复题组（repeat）不支持", "repeats are not supported"),
    "choice_filter": Both(
        "设置了选项筛选（choice_filter），不支持", "choice filters are not supported"
    ),
    "or_other": Both("「其他，请注明」（or_other）不支持", "or_other is not supported"),
    "unknown_type": Both(
        "题型「{type}」不支持（可用：select_one、select_multiple、integer、decimal、text、"
        "image、geopoint、date、note、begin_group、end_group)",
        "the type {type} is not supported (use select_one, select_multiple, integer, decimal, "
        "text, image, geopoint, date, note, begin_group, end_group)",
    ),
    "constraint": Both(
        "约束条件「{text}」不支持，只支持数值范围（如 . >= 0 and . <= 100）",
        "the constraint {text} is not supported; only number ranges (. >= 0 and . <= 100)",
    ),
    "constraint_kind": Both(
        "只有数字题（integer、decimal）可以设置约束条件", "only numbers may have a constraint"
    ),
    "required_expression": Both(
        "必填条件「{text}」不支持，只能填 yes 或 no",
        "the required condition {text} is not supported; use yes or no",
    ),
    # 现场's own columns (server/inspections/xlsform_own.py)
    "own_yes_no": Both("「{text}」只能填 yes 或 no", "{text}: use yes or no"),
    "min_count": Both(
        "照片张数「{text}」应为 1 到 {limit} 的整数", "{text}: must be a whole number 1 to {limit}"
    ),
    "bad_answer_kind": Both(
        "只有单选、多选、是否题可以设置算作问题的答案（是否题只能选一个）",
        "only a select (a yes/no one: one answer) may say which answer is a problem",
    ),
    "bad_answer_unknown": Both(
        "算作问题的答案「{text}」不在选项列表中", "the bad answer {text} is not among the choices"
    ),
    # a row left out, the import goes on
    "metadata": Both(
        "系统自动记录的字段（{type}），已忽略",
        "metadata ({type}) the server records itself; left out",
    ),
}

# a number item's bounds, as invalid_value.range says them (server/inspections/values.py)
NUMBER_RANGES: dict[str, Both] = {
    "between": Both("在 {low}–{high} 之间", "within {low}–{high}"),
    "at_least": Both("不小于 {low}", "at least {low}"),
    "at_most": Both("不大于 {high}", "at most {high}"),
}

# what the checklist designer refuses in one item (server/inspections/template_schemas.py)
CHECKLIST_ITEM_RULES: dict[str, Both] = {
    "options": Both(
        "单选、多选题至少要有 2 个不同的选项", "A choice needs at least 2 different options"
    ),
    "bad_answer": Both(
        "“算作问题的答案”必须是这道题的答案之一",
        "The answer that counts as a problem must be one of the item's answers",
    ),
    "opens_without_bad": Both(
        "要自动生成问题草稿，须先选定哪个答案算作问题",
        "Choose which answer counts as a problem before it can open a problem draft",
    ),
    "range": Both("最小值不能大于最大值", "The minimum cannot be above the maximum"),
    "not_finite": Both("请填写数字", "Must be a number"),
    "count": Both("检查表至少要有 1 道题（最多 200 道）", "A checklist needs 1 to 200 items"),
    "series": Both("系列不属于该县（区）", "The series is not one of the county's"),
    "county": Both("请选择检查表用于哪个县（区）", "Choose the county the checklist is for"),
}

# where an XLSForm problem is
XLSFORM_PLACES: dict[str, Both] = {
    "cell": Both(
        "『{sheet}』工作表第 {row} 行『{column}』：{problem}",
        "Sheet {sheet}, row {row}, column {column}: {problem}",
    ),
    "row": Both("『{sheet}』工作表第 {row} 行：{problem}", "Sheet {sheet}, row {row}: {problem}"),
}

# where a cell's problem is: the parser's (with the cell's text when it has one), the import's
LEDGER_PLACES: dict[str, Both] = {
    "cell": Both("第 {row} 行『{column}』{problem}", "Row {row}, column {column}: {problem}"),
    "cell_text": Both(
        "第 {row} 行『{column}』{problem}：{text}", "Row {row}, column {column}: {problem} {text}"
    ),
    "import": Both("第 {row} 行『{column}』{problem}", "Row {row}, {column}: {problem}"),
}

# a photo's evidence flags (server/media/evidence.py, photos.py), and the count of the records a
# reader may not see that carry the same or a similar photo (server/media/access.py)
EVIDENCE_FLAGS: dict[str, Both] = {
    "far_from_project": Both("拍摄地点距项目 {distance}", "Taken {distance} from the project"),
    "exif_device_far": Both(
        "照片 EXIF 位置与手机定位相差 {distance}",
        "The photo's EXIF location is {distance} from the phone's fix",
    ),
    "time_gap": Both(
        "照片拍摄时间与定位时间相差 {duration}",
        "The photo was taken {duration} apart from the phone's fix",
    ),
    "exif_taken_gap": Both(
        "照片自带的拍摄时间与手机记录的拍摄时间相差 {duration}",
        "The photo's own time is {duration} apart from when the phone says it was taken",
    ),
    "exif_before_start": Both(
        "照片拍摄时间早于本次记录开始 {duration}",
        "The photo was taken {duration} before this record was started",
    ),
    "exif_after_received": Both(
        "照片拍摄时间晚于服务器收到时间 {duration}",
        "The photo's time is {duration} after the server received it",
    ),
    "edited_software": Both(
        "照片经编辑软件保存（{software}）", "The photo was saved by an editing program ({software})"
    ),
    "edited_later": Both(
        "照片在拍摄 {duration} 后被再次保存",
        "The photo was saved again {duration} after it was taken",
    ),
    "no_camera_exif": Both(
        "照片没有相机信息（EXIF），而此人其他照片都有：可能经过编辑或转存",
        "The photo has no camera EXIF where this uploader's other photos do: maybe edited or exported",
    ),
    "no_location": Both(
        "没有手机定位，也没有照片 GPS", "Neither a phone location fix nor photo GPS"
    ),
    "poor_accuracy": Both(
        "手机定位精度差（±{distance}）", "The phone's location fix is imprecise (±{distance})"
    ),
    "no_exif_time": Both(
        "照片没有拍摄时间（EXIF），无法核对", "The photo has no EXIF time to check"
    ),
    "no_project_location": Both(
        "项目没有登记位置（经纬度），无法核对距离",
        "The project has no location to check the distance against",
    ),
    "duplicate_photo": Both("照片与 {day} 的记录重复", "The same photo was used on {day}"),
    "similar_photo": Both(
        "照片与 {day} 的记录中的照片高度相似", "The photo looks nearly the same as one from {day}"
    ),
    "reused_elsewhere": Both("另有 {n} 处使用", "Used in {n} other places"),
    "similar_elsewhere": Both("另有 {n} 处相似", "Similar to {n} other photos"),
}

# a photo's stage (server/media/stages.py), as messages name it
PHOTO_STAGE_NAMES: dict[str, Both] = {
    "inspection": Both("检查", "inspection"),
    "found": Both("发现", "found"),
    "rectify": Both("整改", "rectification"),
    "verify": Both("复核", "check"),
    "report": Both("代表", "deputy's report"),
}

# an evidence flag in a list of them (close_flags_need_reason): short, without its figures
EVIDENCE_FLAG_NAMES: dict[str, Both] = {
    "far_from_project": Both("拍摄地点离项目远", "taken far from the project"),
    "exif_device_far": Both("照片位置与定位不符", "EXIF place off the phone's fix"),
    "time_gap": Both("拍摄与定位时间不符", "taken apart from the fix"),
    "exif_taken_gap": Both("照片时间与手机记录不符", "EXIF time off the phone's"),
    "exif_before_start": Both("拍摄早于记录开始", "taken before the record began"),
    "exif_after_received": Both("拍摄晚于收到时间", "taken after it was received"),
    "edited_software": Both("经编辑软件保存", "saved by an editor"),
    "edited_later": Both("拍摄后被再次保存", "saved again later"),
    "no_camera_exif": Both("缺少相机信息", "no camera EXIF"),
    "no_location": Both("没有位置", "no location"),
    "poor_accuracy": Both("定位精度差", "imprecise fix"),
    "no_exif_time": Both("没有拍摄时间", "no EXIF time"),
    "no_project_location": Both("项目没有位置", "project without a location"),
    "duplicate_photo": Both("照片重复", "duplicate photo"),
    "similar_photo": Both("照片高度相似", "near-duplicate photo"),
}

# Chinese names of editing apps as they write EXIF Software (server/media/evidence.py EDITORS)
EDITOR_NAMES_ZH = ("美图", "醒图", "轻颜", "剪映")

# a distance or a duration in a flag: {n} and its unit
UNITS: dict[str, Both] = {
    "m": Both("{n} 米", "{n} m"),
    "km": Both("{n} 公里", "{n} km"),
    "min": Both("{n} 分钟", "{n} min"),
    "h": Both("{n} 小时", "{n} h"),
    "days": Both("{n} 天", "{n} days"),
    "years": Both("{n} 年", "{n} years"),
}


def code_of(key: str) -> str:
    """The code clients see: the key without its variant."""
    return key.partition(".")[0]


def problem(key: str) -> Problem:
    try:
        return PROBLEMS[key]
    except KeyError:
        raise UnknownProblem(key) from None


def render(key: str, params: Mapping[str, Any]) -> Both:
    """The entry's Chinese and English text with ``params`` filled in (values used as given)."""
    entry = problem(key)
    return _say(Both(entry.zh, entry.en), {**entry.defaults, **params})


def say(table: Mapping[str, Both], key: str, **params: Any) -> Both:
    """The text of ``key`` in one of the tables above (LEDGER_ROWS, EVIDENCE_FLAGS ...) with
    ``params`` filled in as ``render`` fills them; a key the table lacks fails at once."""
    try:
        text = table[key]
    except KeyError:
        raise UnknownProblem(key) from None
    return _say(text, params)


def _say(text: Both, values: Mapping[str, Any]) -> Both:
    return Both(
        _fill(text.zh, {k: v.zh if isinstance(v, Both) else v for k, v in values.items()}),
        _fill(text.en, {k: v.en if isinstance(v, Both) else v for k, v in values.items()}),
    )


def _fill(template: str, values: Mapping[str, Any]) -> str:
    return template.format_map(values) if "{" in template else template


def noun(key: str) -> Both:
    return NOUNS[key]


def stage_text(stage: str) -> Both:
    """A photo's stage for a message (发现 / found …); an unknown one as it is."""
    return PHOTO_STAGE_NAMES.get(stage, Both(stage, stage))


def flag_names(codes: Iterable[str]) -> Both:
    """Evidence flags in a sentence by their short names: 照片重复、经编辑软件保存."""
    names = [EVIDENCE_FLAG_NAMES.get(code, Both(code, code)) for code in codes]
    return Both("、".join(n.zh for n in names), ", ".join(n.en for n in names))


def period_detail(key: str, **params: Any) -> Both:
    text = PERIOD_DETAILS[key]
    return Both(text.zh.format(**params), text.en.format(**params))


def listed(names: Iterable[str]) -> Both:
    """Names in a sentence: 甲、乙 / A, B."""
    items = [str(name) for name in names]
    return Both("、".join(items), ", ".join(items))


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name}
