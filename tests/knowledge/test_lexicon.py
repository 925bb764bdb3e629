from knowledge.lexicon import Lexicon, token_id


def test_dictionary_terms_stay_whole(lexicon: Lexicon) -> None:
    for term in ("鄂汇办", "居住证", "高龄津贴", "异地就医备案"):
        assert term in lexicon.tokens(f"请问{term}怎么办理")


def test_compound_term_also_yields_its_parts(lexicon: Lexicon) -> None:
    tokens = lexicon.tokens("异地就医备案")
    assert {"异地就医备案", "异地就医", "就医", "备案"} <= set(tokens)


def test_synonyms_map_to_one_canonical_token(lexicon: Lexicon) -> None:
    assert "社保卡" in lexicon.tokens("社会保障卡丢了")
    assert "医保" in lexicon.tokens("医疗保障局")
    assert "长护险" in lexicon.tokens("长期护理保险")
    assert "公积金" in lexicon.tokens("住房公积金提取")


def test_unknown_words_fall_back_to_bigrams(lexicon: Lexicon) -> None:
    tokens = lexicon.tokens("鄂西北片区")
    assert "西北" in tokens or "鄂西" in tokens


def test_stopwords_dropped_and_english_normalised(lexicon: Lexicon) -> None:
    assert "的" not in lexicon.tokens("我的居住证")
    assert lexicon.tokens("How do I apply for residence permits") == ["apply", "residence", "permit"]


def test_vectors_share_token_ids(lexicon: Lexicon) -> None:
    q_idx, q_val = lexicon.query_vector("居住证材料")
    d_idx, d_val = lexicon.document_vector("办理居住证需要提交的材料")
    assert token_id("居住证") in q_idx and token_id("居住证") in d_idx
    assert all(v > 0 for v in q_val + d_val)
    assert len(set(d_idx)) == len(d_idx)
