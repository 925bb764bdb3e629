import pytest

from agents.pii import PLACEHOLDERS, id_check_digit, is_resident_id, luhn_valid, mask

# Region code 99 does not exist, so none of these can be a real person's number.
VALID_ID = "990101199003071237"
VALID_ID_X = "99010119900307004X"
WRONG_CHECK_ID = "990101199003071231"  # check digit 1 instead of 7, and not a Luhn number either
VALID_CARD = "9999000012345678907"
VALID_CARD_16 = "9999000012345678"


def test_check_digit_follows_gb11643():
    assert id_check_digit("99010119900307123") == "7"
    assert id_check_digit("99010119900307004") == "X"
    assert id_check_digit("11010519491231002") == "X"  # the worked example of GB 11643


@pytest.mark.parametrize("bad", ["1234", "9901011990030712a", "990101199003071237"])
def test_check_digit_rejects_anything_but_17_digits(bad):
    with pytest.raises(ValueError, match="17 digits"):
        id_check_digit(bad)


def test_resident_id_validation():
    assert is_resident_id(VALID_ID)
    assert is_resident_id(VALID_ID_X)
    assert is_resident_id(VALID_ID_X.lower())
    assert not is_resident_id(WRONG_CHECK_ID)
    assert not is_resident_id("990101199013071237")  # month 13
    assert is_resident_id("990101900307123")  # 15-digit old ID, born 1990-03-07
    assert not is_resident_id("990101901307123")


def test_luhn():
    assert luhn_valid(VALID_CARD)
    assert luhn_valid(VALID_CARD_16)
    assert not luhn_valid("9999000012345678908")
    assert not luhn_valid("")
    assert not luhn_valid("62220212345x")


def test_valid_id_is_masked():
    assert mask(f"我的身份证号是{VALID_ID}，麻烦查一下") == (
        "我的身份证号是[身份证号]，麻烦查一下",
        ("id_card",),
    )
    assert mask(f"ID {VALID_ID_X}") == ("ID [身份证号]", ("id_card",))


def test_wrong_check_digit_is_not_treated_as_an_id():
    assert mask(f"号码{WRONG_CHECK_ID}") == (f"号码{WRONG_CHECK_ID}", ())


def test_old_fifteen_digit_id_is_masked():
    assert mask("老身份证990101900307123") == ("老身份证[身份证号]", ("id_card",))


@pytest.mark.parametrize(
    "text",
    ["13800000000", "+8613800000000", "+86 138 0000 0000", "138-0000-0000", "0086 13800000000"],
)
def test_mobile_numbers_are_masked(text):
    assert mask(f"电话{text}。") == ("电话[手机号]。", ("mobile",))


@pytest.mark.parametrize(
    "text", ["027-20000000", "(027)20000000", "027 20000000", "02720000000", "0710-2000000"]
)
def test_landlines_are_masked(text):
    assert mask(f"座机{text}") == ("座机[固定电话]", ("landline",))


@pytest.mark.parametrize("text", [VALID_CARD, VALID_CARD_16, "9999 0000 1234 5678", "9999-0000-1234-5678"])
def test_bank_cards_passing_luhn_are_masked(text):
    assert mask(f"卡号{text}") == ("卡号[银行卡号]", ("bank_card",))


def test_digit_runs_failing_luhn_are_kept():
    assert mask("订单号9999000012345678908") == ("订单号9999000012345678908", ())


def test_email_is_masked():
    assert mask("邮箱zhang.san+gov@example.com谢谢") == ("邮箱[电子邮箱]谢谢", ("email",))


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("社保卡号：ABC12345678", "社保卡号：[社保号]"),
        ("社会保障号码是9901011990", "社会保障号码是[社保号]"),
        ("医保卡号 H12345678", "医保卡号 [社保号]"),
        ("Social security no. 9901011990", "Social security no. [社保号]"),
    ],
)
def test_social_security_numbers_are_masked_in_context(text, masked):
    assert mask(text) == (masked, ("social_security",))


def test_social_security_label_without_a_number_is_untouched():
    assert mask("社保卡号是多少位") == ("社保卡号是多少位", ())


@pytest.mark.parametrize(
    "text",
    [
        "急救拨打120，报警110，火警119",
        "政务热线12345，卫生健康12320，心理援助12356，人社12333，医保12393",
        "2024年3月15日到2025-01-31之间办理，20240315开始",
        "补贴15000元，合计1,234,567.89元，2023年",
        "编号12345678",
    ],
)
def test_hotlines_dates_amounts_and_years_are_never_masked(text):
    assert mask(text) == (text, ())


def test_several_kinds_are_reported_in_fixed_order():
    text = f"手机13800000000，身份证{VALID_ID}，邮箱a@example.org"
    assert mask(text) == ("手机[手机号]，身份证[身份证号]，邮箱[电子邮箱]", ("id_card", "mobile", "email"))


def test_every_kind_has_a_bracketed_placeholder():
    assert PLACEHOLDERS == {
        "id_card": "[身份证号]",
        "social_security": "[社保号]",
        "bank_card": "[银行卡号]",
        "mobile": "[手机号]",
        "landline": "[固定电话]",
        "email": "[电子邮箱]",
    }
