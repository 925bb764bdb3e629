from pathlib import Path

import pytest

from knowledge.documents import BadDocument, load_file, parse_document

from .files import write_docx, write_pdf

FRONT = """---
doc_id: gov-test
doc_version: "2026-01"
title: 测试指南
domain: [government, healthcare]
region: 襄阳
issuer: 某局
valid_from: 2026-01-01
valid_to: null
language: zh
sample: true
---
# 测试指南
## 一、申请材料
身份证。
"""


def test_front_matter_fields_are_read() -> None:
    doc = parse_document(FRONT, "x/test.md")
    assert (doc.doc_id, doc.doc_version, doc.title) == ("gov-test", "2026-01", "测试指南")
    assert doc.domains == ("government", "healthcare")
    assert doc.region == "襄阳市"
    assert (doc.valid_from, doc.valid_to, doc.sample, doc.inferred) == ("2026-01-01", None, True, ())
    assert doc.text.startswith("# 测试指南")


def test_plain_text_gets_domain_region_and_id_inferred() -> None:
    text = "关于调整城乡居民基本医疗保险门诊报销比例的通知\n宜昌市医疗保障局：自2026年1月1日起，门诊报销比例调整为60%。"
    doc = parse_document(text, "notices/notice.txt")
    assert doc.domains == ("healthcare",)
    assert doc.region == "宜昌市"
    assert doc.inferred == ("domain", "region")
    assert doc.title == "关于调整城乡居民基本医疗保险门诊报销比例的通知"
    assert doc.doc_id.startswith("file-notices-notice-")
    assert parse_document(text, "notices/notice.txt").doc_id == doc.doc_id


def test_domain_option_overrides_inference() -> None:
    doc = parse_document("一份没有明显领域词语的通知，内容较短但足够。", "a.txt", domain="education")
    assert doc.domains == ("education",) and doc.inferred == ("region",)


def test_unknown_domain_and_bad_dates_are_clear_errors() -> None:
    with pytest.raises(BadDocument, match="未知领域"):
        parse_document(FRONT.replace("[government, healthcare]", "sports"), "x.md")
    with pytest.raises(BadDocument, match="有效期日期格式错误"):
        parse_document(FRONT.replace("valid_from: 2026-01-01", "valid_from: 下个月"), "x.md")


def test_html_in_gb18030_from_an_official_site(tmp_path: Path) -> None:
    html = "<html><head><title>办事指南</title><script>var a=1;</script></head><body><nav>首页</nav>" \
           "<h2>申请材料</h2><ul><li>居民身份证</li><li>户口簿</li></ul><p>办理时限：5个工作日。</p></body></html>"
    path = tmp_path / "page.html"
    path.write_bytes(html.encode("gb18030"))
    doc = load_file(path, "page.html", 10**6)
    assert doc.title == "办事指南"
    assert "## 申请材料" in doc.text and "- 居民身份证" in doc.text and "办理时限：5个工作日。" in doc.text
    assert "var a" not in doc.text and "首页" not in doc.text


def test_pdf_and_docx_are_read(tmp_path: Path) -> None:
    pdf = load_file(write_pdf(tmp_path / "guide.pdf", ["Residence permit guide", "Bring your ID card."]),
                    "guide.pdf", 10**6, domain="government")
    assert "Bring your ID card." in pdf.text and pdf.language == "en"
    docx = load_file(write_docx(tmp_path / "guide.docx", "高龄津贴申领指南", ["年满80周岁的老年人可以申领高龄津贴。"]),
                     "guide.docx", 10**6)
    assert "年满80周岁的老年人可以申领高龄津贴。" in docx.text and docx.domains == ("eldercare",)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.md", b"", "文件为空"),
        ("blob.txt", b"\x00\x01\x02binary" * 50, "二进制"),
        ("broken.pdf", b"%PDF-1.4\nnot really a pdf", "文件已损坏"),
        ("big.txt", "很长的内容。".encode() * 400, "超过大小上限"),
        ("notes.xlsx", b"PK\x03\x04", "不支持的文件类型"),
        ("blank.txt", b"   \n\n  ", "没有可用的正文内容"),
    ],
)
def test_bad_files_name_the_file(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(BadDocument, match=message) as err:
        load_file(path, name, 2000)
    assert str(err.value).startswith(name + ":")
    assert "\n" not in str(err.value)
