"""cmrt's own short translations of the template labels, for the ``L`` sheet of translated test files.

English label -> (中文 Chinese, 日本語 Japanese, Deutsch). They are cmrt's paraphrases, not RMI's texts;
the reader never needs them (it takes every label's English from ``L``). Labels missing here (the form
title) stay English in every language, as in the real ``L`` sheet.
"""

from __future__ import annotations

from cmrt.layouts import family_for
from cmrt.layouts.cmrt import PRODUCT_NOTE, SCOPE_LABELS

__all__ = ["SUPPORTED_LANGUAGES", "TRANSLATED_LANGUAGES", "translate"]

_CMRT6, _CMRT3 = family_for("6.5"), family_for("3.01")
_Q6 = [q.text for q in _CMRT6.questions]
_Q3 = [q.text for q in _CMRT3.questions]
_C6 = [q.text for q in _CMRT6.company_questions]
_C3 = [q.text for q in _CMRT3.company_questions]
_HEADERS = {c.key: c.header for c in _CMRT6.smelter_columns}
_PRODUCTS = {c.key: c.header for c in _CMRT6.product_columns}

_TRANSLATIONS: dict[str, tuple[str, str, str]] = {
    "Company Name (*):": ("公司名称 (*)：", "会社名 (*)：", "Firmenname (*):"),
    "Declaration Scope or Class (*):": (
        "申报范围或类别 (*)：",
        "申告範囲又はクラス (*)：",
        "Umfang der Erklärung (*):",
    ),
    "Description of Scope:": ("范围说明：", "申告範囲の説明：", "Beschreibung des Umfangs:"),
    "Description of Scope: (*)": ("范围说明：(*)", "申告範囲の説明：(*)", "Beschreibung des Umfangs: (*)"),
    SCOPE_LABELS["B"]: (
        "请在产品列表页输入本申报适用的产品",
        "製品リストのタブで対象製品を入力してください",
        "Produkte dieser Erklärung im Reiter Product List eingeben",
    ),
    "Company Unique ID:": ("公司唯一识别码：", "会社固有ID：", "Eindeutige Firmen-ID:"),
    "Company Unique ID Authority:": (
        "公司唯一识别码颁发机构：",
        "会社固有IDの発行元：",
        "Vergabestelle der Firmen-ID:",
    ),
    "Address:": ("地址：", "住所：", "Anschrift:"),
    "Contact Name (*):": ("联系人姓名 (*)：", "連絡先担当者名 (*)：", "Name des Ansprechpartners (*):"),
    "Email – Contact (*):": (
        "联系人电子邮件 (*)：",
        "連絡先担当者の電子メール (*)：",
        "E-Mail des Ansprechpartners (*):",
    ),
    "Phone – Contact (*):": (
        "联系人电话 (*)：",
        "連絡先担当者の電話番号 (*)：",
        "Telefon des Ansprechpartners (*):",
    ),
    "Authorizer (*):": ("授权人 (*)：", "回答責任者 (*)：", "Bevollmächtigter (*):"),
    "Title - Authorizer:": ("授权人职务：", "回答責任者の役職：", "Position des Bevollmächtigten:"),
    "Email - Authorizer (*):": (
        "授权人电子邮件 (*)：",
        "回答責任者の電子メール (*)：",
        "E-Mail des Bevollmächtigten (*):",
    ),
    "Phone - Authorizer:": ("授权人电话：", "回答責任者の電話番号：", "Telefon des Bevollmächtigten:"),
    "Phone - Authorizer (*):": (
        "授权人电话 (*)：",
        "回答責任者の電話番号 (*)：",
        "Telefon des Bevollmächtigten (*):",
    ),
    "Effective Date (*):": ("生效日期 (*)：", "記入日 (*)：", "Datum (*):"),
    "Answer the following questions 1 - 8 based on the declaration scope indicated above": (
        "请根据上述申报范围回答问题 1 - 8",
        "上記の申告範囲に基づき質問1～8に回答してください",
        "Beantworten Sie die Fragen 1 - 8 für den oben angegebenen Umfang",
    ),
    "Answer the following questions 1 - 7 based on the declaration scope indicated above": (
        "请根据上述申报范围回答问题 1 - 7",
        "上記の申告範囲に基づき質問1～7に回答してください",
        "Beantworten Sie die Fragen 1 - 7 für den oben angegebenen Umfang",
    ),
    _Q6[0]: (
        "1) 产品或生产流程中是否有意添加或使用 3TG？(*)",
        "1) 製品又は製造工程で3TGを意図的に添加・使用していますか？(*)",
        "1) Wird 3TG im Produkt oder in der Produktion absichtlich zugesetzt oder verwendet? (*)",
    ),
    _Q6[1]: (
        "2) 产品中是否残留 3TG？",
        "2) 製品に3TGが残留していますか？",
        "2) Verbleibt 3TG im Produkt?",
    ),
    _Q6[2]: (
        "3) 供应链中的冶炼厂是否从所涉国家采购 3TG？",
        "3) 製錬業者は対象国から3TGを調達していますか？",
        "3) Beziehen Schmelzhütten 3TG aus den betroffenen Ländern?",
    ),
    _Q6[3]: (
        "4) 供应链中的冶炼厂是否从受冲突影响和高风险地区采购 3TG？",
        "4) 製錬業者は紛争地域及び高リスク地域から3TGを調達していますか？",
        "4) Beziehen Schmelzhütten 3TG aus Konflikt- und Hochrisikogebieten?",
    ),
    _Q6[4]: (
        "5) 3TG 是否 100% 来自回收料或废料？",
        "5) 3TGは全てリサイクル又はスクラップ由来ですか？",
        "5) Stammt das 3TG zu 100 % aus Recycling oder Schrott?",
    ),
    _Q6[5]: (
        "6) 已答复供应链调查的相关供应商比例是多少？",
        "6) 調査に回答したサプライヤーの割合は？",
        "6) Wie viel Prozent der Lieferanten haben geantwortet?",
    ),
    _Q6[6]: (
        "7) 是否已识别供应 3TG 的所有冶炼厂？",
        "7) 3TGを供給する全ての製錬業者を特定しましたか？",
        "7) Haben Sie alle Schmelzhütten für 3TG ermittelt?",
    ),
    _Q6[7]: (
        "8) 收到的所有冶炼厂信息是否已在本申报中报告？",
        "8) 受領した製錬業者情報を全て報告しましたか？",
        "8) Wurden alle erhaltenen Schmelzhütten-Informationen gemeldet?",
    ),
    _Q3[0]: (
        "1) 产品中是否有意添加冲突金属？(*)",
        "1) 紛争鉱物を製品に意図的に添加していますか？(*)",
        "1) Wird das Konfliktmetall dem Produkt absichtlich zugesetzt? (*)",
    ),
    _Q3[1]: (
        "2) 冲突金属是否为生产所必需并存在于成品中？(*)",
        "2) 紛争鉱物は生産に必要で最終製品に含まれますか？(*)",
        "2) Ist das Konfliktmetall für die Produktion nötig und im Endprodukt enthalten? (*)",
    ),
    _Q3[2]: (
        "3) 冲突金属是否来自所涉国家？(*)",
        "3) 紛争鉱物は対象国由来ですか？(*)",
        "3) Stammt Konfliktmetall aus den betroffenen Ländern? (*)",
    ),
    _Q3[3]: (
        "4) 冲突金属是否 100% 来自回收料或废料？(*)",
        "4) 紛争鉱物は全てリサイクル又はスクラップ由来ですか？(*)",
        "4) Stammt das Konfliktmetall zu 100 % aus Recycling oder Schrott? (*)",
    ),
    _Q3[4]: (
        "5) 是否已从所有相关供应商处收到冲突金属信息？(*)",
        "5) 全ての関連サプライヤーから情報を受領しましたか？(*)",
        "5) Haben Sie von allen Lieferanten Daten erhalten? (*)",
    ),
    _Q3[5]: (
        "6) 是否已识别所有冶炼厂？(*)",
        "6) 全ての製錬業者を特定しましたか？(*)",
        "6) Haben Sie alle Schmelzhütten ermittelt? (*)",
    ),
    _Q3[6]: (
        "7) 收到的所有冶炼厂信息是否已在本申报中报告？(*)",
        "7) 受領した製錬業者情報を全て報告しましたか？(*)",
        "7) Wurden alle erhaltenen Schmelzhütten-Informationen gemeldet? (*)",
    ),
    "Answer": ("回答", "回答", "Antwort"),
    "Comments": ("备注", "備考", "Kommentare"),
    "Question": ("问题", "質問", "Frage"),
    "Tantalum  ": ("钽", "タンタル", "Tantal  "),
    "Tin  ": ("锡", "錫", "Zinn  "),
    "Gold  ": ("金", "金", "Gold  "),
    "Tungsten  ": ("钨", "タングステン", "Wolfram  "),
    "Answer the Following Questions at a Company Level": (
        "请在公司层面回答以下问题",
        "会社レベルで以下の質問に回答してください",
        "Beantworten Sie die folgenden Fragen auf Unternehmensebene",
    ),
    _C6[0]: (
        "A. 是否已制定负责任矿产采购政策？",
        "A. 責任ある鉱物調達方針を定めていますか？",
        "A. Haben Sie eine Richtlinie zur verantwortungsvollen Beschaffung?",
    ),
    _C6[1]: (
        "B. 该政策是否在网站上公开？（如是，请在备注中填写网址）",
        "B. 方針をウェブサイトで公開していますか？（URLを備考に記入）",
        "B. Ist die Richtlinie auf Ihrer Website veröffentlicht? (URL im Kommentar)",
    ),
    _C6[2]: (
        "C. 是否要求直接供应商从经独立第三方审核的冶炼厂采购 3TG？",
        "C. 直接サプライヤーに第三者監査済み製錬業者からの調達を求めていますか？",
        "C. Verlangen Sie von Lieferanten 3TG aus unabhängig geprüften Schmelzhütten?",
    ),
    _C6[3]: (
        "D. 是否已实施负责任采购的尽职调查措施？",
        "D. 責任ある調達のデュー・デリジェンスを実施していますか？",
        "D. Haben Sie Sorgfaltspflichtmaßnahmen umgesetzt?",
    ),
    _C6[4]: (
        "E. 贵公司是否对相关供应商开展冲突矿产调查？",
        "E. 関連サプライヤーに紛争鉱物調査を行っていますか？",
        "E. Befragt Ihr Unternehmen seine Lieferanten zu Konfliktmineralien?",
    ),
    _C6[5]: (
        "F. 是否根据公司期望审查供应商的尽职调查信息？",
        "F. サプライヤーの情報を自社の期待と照らして確認していますか？",
        "F. Prüfen Sie die Angaben der Lieferanten gegen Ihre Erwartungen?",
    ),
    _C6[6]: (
        "G. 审查流程是否包括纠正措施管理？",
        "G. 確認プロセスに是正措置管理が含まれますか？",
        "G. Umfasst Ihre Prüfung ein Korrekturmaßnahmen-Management?",
    ),
    _C6[7]: (
        "H. 贵公司是否须提交年度冲突矿产披露？",
        "H. 年次の紛争鉱物開示が必要ですか？",
        "H. Muss Ihr Unternehmen jährlich zu Konfliktmineralien berichten?",
    ),
    _C3[0]: (
        "A. 是否有冲突矿产采购政策？",
        "A. 紛争鉱物調達方針がありますか？",
        "A. Haben Sie eine Richtlinie zu Konfliktmineralien? ",
    ),
    _C3[1]: (
        "B. 该政策是否在网站上公开？",
        "B. 方針をウェブサイトで公開していますか？",
        "B. Ist die Richtlinie auf Ihrer Website veröffentlicht? ",
    ),
    _C3[2]: (
        "C. 是否要求直接供应商无冲突？",
        "C. 直接サプライヤーにコンフリクトフリーを求めていますか？",
        "C. Verlangen Sie konfliktfreie Lieferanten? ",
    ),
    _C3[3]: (
        "D. 是否要求直接供应商从经审核的冶炼厂采购？",
        "D. 監査済み製錬業者からの調達を求めていますか？",
        "D. Verlangen Sie geprüfte Schmelzhütten? ",
    ),
    _C3[4]: (
        "E. 是否已实施尽职调查措施？",
        "E. デュー・デリジェンスを実施していますか？",
        "E. Haben Sie Sorgfaltspflichtmaßnahmen umgesetzt? ",
    ),
    _C3[5]: (
        "F. 是否按 IPC-1755 收集供应商信息？",
        "F. IPC-1755に沿って情報を収集していますか？",
        "F. Erheben Sie Daten nach IPC-1755? ",
    ),
    _C3[6]: (
        "G. 是否向供应商索取冶炼厂名称？",
        "G. サプライヤーに製錬業者名を求めていますか？",
        "G. Fragen Sie Lieferanten nach Schmelzhütten? ",
    ),
    _C3[7]: (
        "H. 是否审查供应商的尽职调查信息？",
        "H. サプライヤーの情報を確認していますか？",
        "H. Prüfen Sie die Angaben der Lieferanten? ",
    ),
    _C3[8]: (
        "I. 审查流程是否包括纠正措施管理？",
        "I. 是正措置管理が含まれますか？",
        "I. Umfasst Ihre Prüfung Korrekturmaßnahmen? ",
    ),
    _C3[9]: (
        "J. 是否受 SEC 冲突矿产规则约束？",
        "J. SECの紛争鉱物規則の対象ですか？",
        "J. Unterliegen Sie der SEC-Regel zu Konfliktmineralien? ",
    ),
    "Smelter Identification Number Input Column": (
        "冶炼厂识别号输入列",
        "製錬業者識別番号の入力列",
        "Eingabespalte Schmelzhütten-ID",
    ),
    "Metal (*)": ("金属 (*)", "金属 (*)", "Metall (*)"),
    "Smelter Look-up (*)": ("冶炼厂查找 (*)", "製錬業者検索 (*)", "Schmelzhütten-Suche (*)"),
    "Smelter Reference List (*)": (
        "冶炼厂参考列表 (*)",
        "製錬業者参照リスト (*)",
        "Schmelzhütten-Referenzliste (*)",
    ),
    "Smelter Name (1)": ("冶炼厂名称 (1)", "製錬業者名 (1)", "Name der Schmelzhütte (1)"),
    "Smelter Name (*)": ("冶炼厂名称 (*)", "製錬業者名 (*)", "Name der Schmelzhütte (*)"),
    "Smelter Country (*)": ("冶炼厂国家或地区 (*)", "製錬業者の国 (*)", "Land der Schmelzhütte (*)"),
    "Smelter Identification": ("冶炼厂识别", "製錬業者識別", "Schmelzhütten-Kennung"),
    "Source of Smelter Identification Number": (
        "冶炼厂识别号来源",
        "製錬業者識別番号の出典",
        "Quelle der Schmelzhütten-ID",
    ),
    "Smelter Street ": ("冶炼厂街道", "製錬業者の番地", "Straße der Schmelzhütte"),
    "Smelter City": ("冶炼厂城市", "製錬業者の市", "Stadt der Schmelzhütte"),
    "Smelter Facility Location: State / Province": (
        "冶炼厂所在地：州/省",
        "製錬業者の所在地：州/県",
        "Standort der Schmelzhütte: Bundesland / Provinz",
    ),
    "Smelter Contact Name": ("冶炼厂联系人", "製錬業者の担当者名", "Ansprechpartner der Schmelzhütte"),
    "Smelter Contact Email": ("冶炼厂联系人电子邮件", "製錬業者の電子メール", "E-Mail der Schmelzhütte"),
    "Proposed next steps": ("建议的后续步骤", "次のステップ案", "Vorgeschlagene nächste Schritte"),
    _HEADERS["mine_names"]: (
        "矿山名称（回收料或废料请填写“recycled”或“scrap”）",
        "鉱山名（リサイクル品は「recycled」又は「scrap」）",
        'Name der Mine(n) (bei Recycling "recycled" oder "scrap")',
    ),
    _HEADERS["mine_countries"]: (
        "矿山所在国家（回收料或废料请填写“recycled”或“scrap”）",
        "鉱山の国（リサイクル品は「recycled」又は「scrap」）",
        'Land der Mine(n) (bei Recycling "recycled" oder "scrap")',
    ),
    _HEADERS["recycled_scrap"]: (
        "冶炼厂原料是否 100% 来自回收料或废料？",
        "製錬業者の原料は全てリサイクル又はスクラップ由来ですか？",
        "Stammt das Einsatzmaterial der Schmelzhütte zu 100 % aus Recycling oder Schrott?",
    ),
    "Metal": ("金属", "金属", "Metall"),
    "Standard Smelter Names": ("标准冶炼厂名称", "標準製錬業者名", "Standardnamen der Schmelzhütten"),
    "Smelter Facility Location: Country": (
        "冶炼厂所在地：国家或地区",
        "製錬業者の所在地：国",
        "Standort der Schmelzhütte: Land",
    ),
    "Smelter ID": ("冶炼厂 ID", "製錬業者ID", "Schmelzhütten-ID"),
    "Old Smelter ID": ("旧冶炼厂 ID", "旧製錬業者ID", "Alte Schmelzhütten-ID"),
    "New Smelter ID": ("新冶炼厂 ID", "新製錬業者ID", "Neue Schmelzhütten-ID"),
    PRODUCT_NOTE: (
        "仅当申报页选择“产品（或产品列表）”时才需填写。",
        "申告範囲が「製品（又は製品リスト）」の場合のみ記入してください。",
        'Nur auszufüllen, wenn in der Erklärung "Produkt (oder Produktliste)" gewählt wurde.',
    ),
    _PRODUCTS["number"]: ("制造商产品编号 (*)", "製造者の製品番号 (*)", "Produktnummer des Herstellers (*)"),
    _PRODUCTS["name"]: ("制造商产品名称", "製造者の製品名", "Produktname des Herstellers"),
    "Responder’s Product Number (*)": (
        "回复方产品编号 (*)",
        "回答者の製品番号 (*)",
        "Produktnummer des Antwortenden (*)",
    ),
    "Responder’s Product Name": ("回复方产品名称", "回答者の製品名", "Produktname des Antwortenden"),
}
TRANSLATED_LANGUAGES = ("中文 Chinese", "日本語 Japanese", "Deutsch")
SUPPORTED_LANGUAGES = ("English", *TRANSLATED_LANGUAGES)


def translate(english: str, language: str) -> str:
    """The label text Excel shows for ``language``; other than the three translated ones, English."""
    if language not in TRANSLATED_LANGUAGES or english not in _TRANSLATIONS:
        return english
    return _TRANSLATIONS[english][TRANSLATED_LANGUAGES.index(language)]
