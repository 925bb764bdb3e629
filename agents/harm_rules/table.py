"""The harm rules in the order the gate tries them."""

from __future__ import annotations

from agents.harm_rules.commercial import CRACKING, FAKE_REVIEWS, PIRACY, TRADE_SECRETS
from agents.harm_rules.common import EVENT_FRAMES, HarmRule, regex, rule
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

_TRAITS = ("ethnicity", "religion", "region", "gender", "age", "disability", "health", "occupation")

RULES: tuple[HarmRule, ...] = (
    # A.1: the gravest first, so that an attack plan is filed as terrorism, not as violence
    rule("child_sexual_content", "A.1-obscene", CHILD_SEXUAL, intent=None),
    rule("terrorism", "A.1-terrorism", TERRORISM, frames=EVENT_FRAMES),
    rule("subversion", "A.1-subversion", SUBVERSION),
    rule("ethnic_hatred", "A.1-ethnic-hatred", ETHNIC_HATRED + "|" + ETHNIC_CALL, intent=None),
    rule("ethnic_superiority", "A.2-ethnicity", SUPERIORITY, intent=None),
    # an accusation names its object ("说邻居吸毒"): defamation before the drug and weapon rules
    rule("defamation", "A.4-defamation", DEFAMATION),
    # A.5 methods and means before A.1 violence: "吃多少安眠药会死" is a self-harm method request
    rule("self_harm_method", "A.5-self-harm", SELF_HARM, intent=None, frames=SELF_HARM_FRAMES),
    rule("weapons_explosives_poisons", "A.5-weapons", WEAPONS),
    rule("violence_howto", "A.1-violence", VIOLENCE, frames=EVENT_FRAMES),
    rule("controlled_drugs", "A.5-controlled-drugs", CONTROLLED_DRUGS, intent=CONTROLLED_INTENT),
    rule("obscene_content", "A.1-obscene", OBSCENE),
    rule("gambling_howto", "A.1-gambling", GAMBLING, intent=None),
    # A.4 before A.1 rumours: a rumour about a person is defamation
    rule("doxxing", "A.4-doxxing", DOXXING, frames=DOXX_FRAMES),
    rule("others_records", "A.4-medical-records", MEDICAL_RECORDS, frames=RECORDS_FRAMES),
    rule("covert_surveillance", "A.4-surveillance", SURVEILLANCE),
    rule("scam_script", "A.4-fraud", FRAUD, frames=FRAUD_FRAMES),
    rule("fake_official_notice", "A.1-rumour", RUMOUR),
    # A.5 service-specific
    rule("document_forgery", "A.5-forgery", FORGERY),
    rule("benefit_fraud", "A.5-benefit-fraud", BENEFIT_FRAUD),
    rule("bribery", "A.5-bribery", BRIBERY, frames=BRIBERY_FRAMES),
    rule("exam_cheating", "A.5-exam-cheating", EXAM_CHEATING),
    rule("medical_misinformation", "A.5-medical-misinfo", MEDICAL_MISINFO),
    rule("no_treatment_claim", "A.5-medical-misinfo", NO_TREATMENT_CLAIM, intent=regex(PROMOTE)),
    rule("drug_scare_claim", "A.5-medical-misinfo", DRUG_SCARE_CLAIM, intent=regex(PROMOTE)),
    rule("stop_medicine_claim", "A.5-medical-misinfo", STOP_MEDICINE_CLAIM, intent=regex(PROMOTE)),
    # A.3 commercial
    rule("piracy", "A.3-piracy", PIRACY),
    rule("software_cracking", "A.3-cracking", CRACKING),
    rule("trade_secret_theft", "A.3-trade-secrets", TRADE_SECRETS),
    rule("fake_reviews", "A.3-fake-reviews", FAKE_REVIEWS),
    # A.2 discrimination, one group of rules per protected trait
    *(entry for trait in _TRAITS for entry in discrimination_rules(trait)),
)
