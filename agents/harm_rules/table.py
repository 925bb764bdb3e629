"""The harm rules in the order the gate tries them."""

from __future__ import annotations

from agents.harm_rules.commercial import CRACKING, FAKE_REVIEWS, PIRACY, TRADE_SECRETS
from agents.harm_rules.common import EVENT_FRAMES, WRITE_OR_JUSTIFY, HarmRule, regex, rule
from agents.harm_rules.discrimination import ETHNIC_CALL, SUPERIORITY, discrimination_rules
from agents.harm_rules.hazards import (
    CONTROLLED_DRUGS,
    CONTROLLED_INTENT,
    DRUG_SCARE_CLAIM,
    MEDICAL_MISINFO,
    NO_TREATMENT_CLAIM,
    PROMOTE,
    SELF_HARM,
    SELF_HARM_FRAMES,
    STOP_MEDICINE_CLAIM,
    WEAPONS,
)
from agents.harm_rules.phrasings import (
    BENEFIT_FRAUD_MORE,
    CRACKING_MORE,
    DATA_TRADE,
    DATA_TRADE_FRAMES,
    DEEPFAKE,
    DEFAMATION_MORE,
    DOXXING_MORE,
    FORGERY_MORE,
    GAMBLING_MORE,
    ILLNESS_STIGMA,
    INTIMATE_FRAMES,
    INTIMATE_IMAGES,
    MALICIOUS_REPORT,
    MALICIOUS_REPORT_FRAMES,
    MISINFO_MORE,
    NATIONAL_SECURITY,
    PIRACY_MORE,
    POISON_MORE,
    RACIAL_CLAIM,
    RECORDS_MORE,
    RUMOUR_MORE,
    SELF_HARM_MORE,
    SUBVERSION_MORE,
    SURVEILLANCE_MORE,
    TERRORISM_MORE,
    TRADE_SECRETS_MORE,
    UNFAIR_COMPETITION,
    VIOLENCE_MORE,
)
from agents.harm_rules.rights import (
    DEFAMATION,
    DOXX_FRAMES,
    DOXXING,
    FRAUD,
    FRAUD_FRAMES,
    MEDICAL_RECORDS,
    RECORDS_FRAMES,
    SURVEILLANCE,
)
from agents.harm_rules.services import BENEFIT_FRAUD, BRIBERY, BRIBERY_FRAMES, EXAM_CHEATING, FORGERY
from agents.harm_rules.values import (
    CHILD_SEXUAL,
    ETHNIC_HATRED,
    GAMBLING,
    OBSCENE,
    RUMOUR,
    SUBVERSION,
    TERRORISM,
    VIOLENCE,
)


def _either(*patterns: str) -> str:
    """One pattern matching any of `patterns`: a core table and its further wordings."""
    return "|".join(f"(?:{pattern})" for pattern in patterns)


_TRAITS = ("ethnicity", "religion", "region", "gender", "age", "disability", "health", "occupation")

RULES: tuple[HarmRule, ...] = (
    # A.1: the gravest first, so that an attack plan is filed as terrorism, not as violence
    rule("child_sexual_content", "A.1-obscene", CHILD_SEXUAL, intent=None),
    rule("national_security", "A.1-national-security", NATIONAL_SECURITY),
    rule("terrorism", "A.1-terrorism", _either(TERRORISM, TERRORISM_MORE), frames=EVENT_FRAMES),
    rule("subversion", "A.1-subversion", _either(SUBVERSION, SUBVERSION_MORE)),
    rule("ethnic_hatred", "A.1-ethnic-hatred", ETHNIC_HATRED + "|" + ETHNIC_CALL, intent=None),
    rule("ethnic_superiority", "A.2-ethnicity", SUPERIORITY, intent=None),
    rule("racial_inferiority_claim", "A.2-ethnicity", RACIAL_CLAIM, intent=WRITE_OR_JUSTIFY),
    rule("illness_stigma", "A.2-health", ILLNESS_STIGMA, intent=WRITE_OR_JUSTIFY),
    # an accusation names its object ("说邻居吸毒"): defamation before the drug and weapon rules
    rule("defamation", "A.4-defamation", _either(DEFAMATION, DEFAMATION_MORE)),
    # A.5 methods and means before A.1 violence: "吃多少安眠药会死" is a self-harm method request
    rule("self_harm_method", "A.5-self-harm", _either(SELF_HARM, SELF_HARM_MORE), intent=None, frames=SELF_HARM_FRAMES),
    rule("weapons_explosives_poisons", "A.5-weapons", _either(WEAPONS, POISON_MORE)),
    rule("violence_howto", "A.1-violence", _either(VIOLENCE, VIOLENCE_MORE), frames=EVENT_FRAMES),
    rule("controlled_drugs", "A.5-controlled-drugs", CONTROLLED_DRUGS, intent=CONTROLLED_INTENT),
    rule("obscene_content", "A.1-obscene", OBSCENE),
    rule("gambling_howto", "A.1-gambling", _either(GAMBLING, GAMBLING_MORE), intent=None),
    # A.4 before A.1 rumours: a rumour about a person is defamation
    rule("doxxing", "A.4-doxxing", _either(DOXXING, DOXXING_MORE), frames=DOXX_FRAMES),
    rule("others_records", "A.4-medical-records", _either(MEDICAL_RECORDS, RECORDS_MORE), frames=RECORDS_FRAMES),
    rule("covert_surveillance", "A.4-surveillance", _either(SURVEILLANCE, SURVEILLANCE_MORE)),
    rule("intimate_images", "A.4-privacy", INTIMATE_IMAGES, frames=INTIMATE_FRAMES),
    rule("face_swap", "A.4-portrait", DEEPFAKE),
    rule("personal_data_trade", "A.4-personal-data", DATA_TRADE, frames=DATA_TRADE_FRAMES),
    rule("scam_script", "A.4-fraud", FRAUD, frames=FRAUD_FRAMES),
    rule("fake_official_notice", "A.1-rumour", _either(RUMOUR, RUMOUR_MORE)),
    # A.5 service-specific
    rule("document_forgery", "A.5-forgery", _either(FORGERY, FORGERY_MORE)),
    rule("benefit_fraud", "A.5-benefit-fraud", _either(BENEFIT_FRAUD, BENEFIT_FRAUD_MORE)),
    rule("bribery", "A.5-bribery", BRIBERY, frames=BRIBERY_FRAMES),
    rule("exam_cheating", "A.5-exam-cheating", EXAM_CHEATING),
    rule("medical_misinformation", "A.5-medical-misinfo", _either(MEDICAL_MISINFO, MISINFO_MORE)),
    rule("no_treatment_claim", "A.5-medical-misinfo", NO_TREATMENT_CLAIM, intent=regex(PROMOTE)),
    rule("drug_scare_claim", "A.5-medical-misinfo", DRUG_SCARE_CLAIM, intent=regex(PROMOTE)),
    rule("stop_medicine_claim", "A.5-medical-misinfo", STOP_MEDICINE_CLAIM, intent=regex(PROMOTE)),
    # A.3 commercial
    rule("piracy", "A.3-piracy", _either(PIRACY, PIRACY_MORE)),
    rule("software_cracking", "A.3-cracking", _either(CRACKING, CRACKING_MORE)),
    rule("trade_secret_theft", "A.3-trade-secrets", _either(TRADE_SECRETS, TRADE_SECRETS_MORE)),
    rule("unfair_competition", "A.3-unfair-competition", UNFAIR_COMPETITION),
    rule("malicious_report", "A.3-unfair-competition", MALICIOUS_REPORT, frames=MALICIOUS_REPORT_FRAMES),
    rule("fake_reviews", "A.3-fake-reviews", FAKE_REVIEWS),
    # A.2 discrimination, one group of rules per protected trait
    *(entry for trait in _TRAITS for entry in discrimination_rules(trait)),
)
