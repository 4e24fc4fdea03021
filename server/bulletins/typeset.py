"""Chinese line breaking for the bulletin's PDF, as a typesetter of 公文 does it.

fpdf2 breaks a run of Han characters anywhere, so "84.46%" could end a line with "84.4" and start
the next with "6%". Here a line may break between two Han characters, but never inside a run of
Latin letters and digits ("TS2023-S022", "53,253.00", "84.46%"), never before closing
punctuation (，。、；：）％ …: 避头) and never after opening punctuation (（《“: 避尾). A full line
is justified by spreading the leftover width over its characters, so the right edge is straight.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# a run that never breaks: Latin letters, digits and the signs that belong to a number or code
_RUN = re.compile(r"[0-9A-Za-z][0-9A-Za-z.,%\-+/_:~]*[0-9A-Za-z%]|[0-9A-Za-z]|.", re.S)
NO_LINE_START = set("，。、；：？！）》」』”’％%…—·〕】")
NO_LINE_END = set("（《「『“‘〔【")
_ASCII_NEXT_TO_HAN = re.compile(r"(?<=[\u3400-\u9fff])([,:;()])|([,:;()])(?=[\u3400-\u9fff])")
_FULL_WIDTH = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）"}


def full_width(text: str) -> str:
    """ASCII ``, : ; ( )`` next to a Han character as their full-width forms (，：；（）)."""
    return _ASCII_NEXT_TO_HAN.sub(lambda m: _FULL_WIDTH[m.group(0)], text)


def tokens(text: str) -> list[str]:
    """The units a line may break between, with 避头 / 避尾 punctuation glued on."""
    pieces = _RUN.findall(text)
    glued: list[str] = []
    carry = ""
    for piece in pieces:
        if glued and not carry and piece[0] in NO_LINE_START:
            glued[-1] += piece
        elif piece[-1] in NO_LINE_END:
            carry += piece
        else:
            glued.append(carry + piece)
            carry = ""
    if carry:
        glued.append(carry)
    return glued


def break_lines(
    text: str, width_of: Callable[[str], float], first: float, rest: float
) -> list[str]:
    """``text`` as lines no wider than ``first`` (the first line) and ``rest`` (the others),
    breaking only between tokens; a token wider than a whole line stands on a line alone."""
    lines: list[str] = []
    line = ""
    for token in tokens(text):
        limit = rest if lines else first
        if line and width_of(line + token) > limit:
            lines.append(line)
            line = token
        else:
            line += token
    if line:
        lines.append(line)
    return lines
