from knowledge.chunking import MAX_CHARS, chunk_markdown, embedding_text, split_sentences

GUIDE = """# 示例办事指南
## 一、事项名称
居住证申领。
## 二、申请材料
### （一）首次申领
1. 居民身份证原件；
2. 近期照片。
## 三、办理流程
""" + "申请人向居住地派出所提出申请，民警现场核验身份信息！" * 40


def test_sentences_end_at_chinese_marks() -> None:
    assert split_sentences("第一句。第二句！第三句？第四句；尾巴") == ["第一句。", "第二句！", "第三句？", "第四句；", "尾巴"]


def test_closing_quote_stays_with_its_sentence() -> None:
    assert split_sentences("他说：“请带好材料。”然后离开。") == ["他说：“请带好材料。”", "然后离开。"]


def test_heading_path_kept_as_section() -> None:
    chunks = chunk_markdown(GUIDE, "示例办事指南")
    assert chunks[0].section == "一、事项名称；二、申请材料 > （一）首次申领"
    assert "1. 居民身份证原件；" in chunks[0].text
    assert all(c.section == "三、办理流程" for c in chunks[1:])


def test_long_section_split_with_small_overlap() -> None:
    chunks = chunk_markdown(GUIDE, "示例办事指南")[1:]
    assert len(chunks) >= 3
    assert all(len(c.text) <= MAX_CHARS for c in chunks)
    assert all(len(c.text) >= 250 for c in chunks[:-1])
    # consecutive pieces share a sentence (overlap), and every piece ends at a sentence mark
    assert chunks[0].text[-20:] in chunks[1].text
    assert all(c.text.endswith("！") for c in chunks[:-1])


def test_title_heading_is_not_a_section_and_indexes_are_ordered() -> None:
    chunks = chunk_markdown(GUIDE, "示例办事指南")
    assert [c.index for c in chunks] == list(range(len(chunks)))
    assert "示例办事指南" not in chunks[0].section


def test_embedding_text_carries_title_and_section() -> None:
    chunk = chunk_markdown(GUIDE, "示例办事指南")[0]
    assert embedding_text("示例办事指南", chunk).startswith("示例办事指南｜一、事项名称")


def test_plain_text_without_headings_is_one_section() -> None:
    chunks = chunk_markdown("关于调整门诊报销比例的通知\n自2026年1月1日起调整为60%。", "")
    assert len(chunks) == 1 and chunks[0].section == ""
