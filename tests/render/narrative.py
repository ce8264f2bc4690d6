#!/usr/bin/env python3
"""narrative.py WAYMARK SOURCE_DIR - the consultant's own words in every
output (docs/narrative.md):

- placeholders: an engagement (samples/saas-scaleup.yaml with a narrative
  of its own) quotes plan figures in a section note; the PDF's text
  (pdftotext), the Markdown and the HTML show each figure exactly as this
  test formats the plan JSON's value (money in whole pounds rounded half
  away from zero, quarters as "Q3 2027", counts, days, percentages);
- links: each link of the narrative is a /Link annotation with its /URI in
  the PDF, an <a href> in the HTML and a link in the Markdown;
- nothing else is interpreted: "<script>", "# not a heading", an unclosed
  "**" and "&amp;" are shown as written in the PDF, escaped in the HTML
  (no <script> element) and in the Markdown;
- the summary is on the first page, and what does not fit there opens
  Decisions and recommendations, where the recommendations stand beside
  the decisions;
- scenario placeholders: the document plugin's resolver
  (_narrative.lua) fills `scenarios[ID].plan...` sources from a hand-made
  plan.scenarios, the contract the scenarios feature gives the plan.

Needs pdftotext and qpdf.  Prints ok/FAIL lines; exits 0 or 1.
"""
import decimal
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

bin_, src = sys.argv[1], os.path.abspath(sys.argv[2])
failed = False


def bad(msg):
    global failed
    failed = True
    print("FAIL:", msg)


def ok(msg):
    print("ok:", msg)


def money(x):
    """£ and whole pounds, rounded half away from zero, grouped."""
    d = decimal.Decimal(repr(x)).quantize(decimal.Decimal(1), rounding=decimal.ROUND_HALF_UP)
    return ("-" if d < 0 else "") + "£" + f"{abs(int(d)):,}"


def quarter(q):
    y, n = q.split("-Q")
    return f"Q{n} {y}"


NARRATIVE = """
narrative:
  summary: |
    SUMMARY-START the plan costs **{{totals.cost}}** in all.
    Shown as written: <script>alert(1)</script> # not a heading &amp; **unclosed.

    Second paragraph: """ + "much more to say about the plan " * 12 + """END-OF-SUMMARY.
  recommendations:
    - |
      RECO-ONE fund [the platform team](https://example.com/platform?a=1&b=2) now.
    - RECO-TWO defer the rest.
  notes:
    costs: |
      - F-cost=[{{totals.cost}}]
      - F-p80=[{{totals.p80}}]
      - F-budget=[{{budget.total}}]
      - F-variance=[{{budget.variance}}]
      - F-gap=[{{budget.gap}}]
      - F-start=[{{plan.start}}]
      - F-end=[{{plan.end}}]
      - F-scheduled=[{{totals.scheduled}}]
      - F-iend=[{{initiative.SEC-04.end}}]
      - F-icost=[{{initiative.SEC-04.cost}}]
      - F-ideferred=[{{initiative.TEN-04.end}}]
      - F-odeadline=[{{objective.O2.deadline}}]
      - F-rscore=[{{risk.R4.score}}]
      - F-days=[{{initiative.OBS-02.effort_days}}]
      - F-pct=[{{totals.p_within_budget}}]

      Mail [the team](mailto:pmo@example.com).
"""


def run(*args):
    return subprocess.run([bin_, *args], capture_output=True, text=True)


with tempfile.TemporaryDirectory() as tmp:
    sample = open(os.path.join(src, "samples", "saas-scaleup.yaml"), encoding="utf-8").read()
    sample = re.sub(r"(?ms)^narrative:\n.*?(?=^\S)", "", sample)  # the sample's own words out
    eng = os.path.join(tmp, "e.yaml")
    with open(eng, "w", encoding="utf-8") as f:
        f.write(sample.replace("logo: assets/", "logo: " + os.path.join(src, "samples", "assets")
                               + "/") + NARRATIVE)
    r = run("validate", eng)
    if r.returncode != 0:
        bad("the engagement does not validate:\n" + r.stdout + r.stderr)
        sys.exit(1)
    plan = json.loads(run("plan", "--format", "json", eng).stdout)
    t = plan["totals"]
    ini = {p["id"]: p for p in plan["initiatives"]}
    obj = {o["id"]: o for o in plan["objectives"]}
    risk = {x["id"]: x for x in plan["risks"]}
    want = {
        "F-cost": money(t["cost"]),
        "F-p80": money(t["p80"]),
        "F-budget": money(t["budget"]),
        "F-variance": money(t["variance"]),
        "F-gap": money(abs(t["variance"])),
        "F-start": quarter(plan["quarters"][0]),
        "F-end": quarter(plan["quarters"][-1]),
        "F-scheduled": f"{t['scheduled']:,}",
        "F-iend": quarter(ini["SEC-04"]["end"]),
        "F-icost": money(ini["SEC-04"]["cost"]),
        "F-ideferred": "—",
        "F-odeadline": quarter(obj["O2"]["deadline"]),
        "F-rscore": str(risk["R4"]["score"]),
        "F-days": f"{ini['OBS-02']['effort_days']:.1f}",
        "F-pct": "100%" if t["p_within_budget"] == 1 else None,
    }
    if ini["TEN-04"]["status"] != "deferred":
        bad("the test expects TEN-04 deferred in the sample")

    outs = {}
    for fmt_, ext in (("pdf", "pdf"), ("html", "html"), ("md", "md")):
        out = os.path.join(tmp, "out." + ext)
        r = run("render", eng, "--format", fmt_, "-o", out)
        if r.returncode != 0:
            bad(f"render --format {fmt_} failed:\n{r.stderr}")
            sys.exit(1)
        outs[fmt_] = out
    pdf_text = subprocess.run(["pdftotext", "-layout", outs["pdf"], "-"], capture_output=True,
                              text=True).stdout
    pages = subprocess.run(["pdftotext", outs["pdf"], "-"], capture_output=True,
                           text=True).stdout.split("\f")
    html = open(outs["html"], encoding="utf-8").read()
    md = open(outs["md"], encoding="utf-8").read()

    # Figures: each output shows the plan's value with the deliverable's formatting.
    md_plain = re.sub(r"\\(.)", r"\1", md)  # Markdown's escapes taken off
    for name, text in (("PDF", pdf_text), ("Markdown", md_plain), ("HTML", html)):
        wrong = []
        for key, value in want.items():
            m = re.search(re.escape(key) + r"=\[([^\]]*)\]", text)
            if value is None or not m or m.group(1) != value:
                wrong.append(f"{key}: want {value!r}, got {m.group(1) if m else None!r}")
        if wrong:
            bad(f"{name}: placeholders not resolved to the plan's figures: {wrong}")
        else:
            ok(f"{name}: {len(want)} placeholders show the plan JSON's figures, formatted")
    if "{{" in pdf_text or "{{" in md or "{{" in html:
        bad("a '{{' is left in an output")

    # Links: real links in the PDF and HTML.
    qdf = os.path.join(tmp, "q.pdf")
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", outs["pdf"], qdf], check=False)
    raw = open(qdf, "rb").read()
    for url in (b"https://example.com/platform?a=1&b=2", b"mailto:pmo@example.com"):
        at = raw.find(b"/URI (" + url + b")")
        annot = raw.rfind(b"<<", 0, at) if at >= 0 else -1
        if at < 0 or b"/Link" not in raw[max(0, annot - 400):at + 200]:
            bad(f"PDF: no /Link annotation with /URI ({url.decode()})")
        else:
            ok(f"PDF: a /Link annotation points to {url.decode()}")
    for url in ("https://example.com/platform?a=1&amp;b=2", "mailto:pmo@example.com"):
        if f'<a href="{url}">' not in html:
            bad(f"HTML: no <a href=\"{url}\">")
    if '<a href="https://example.com/platform?a=1&amp;b=2">the platform team</a>' in html:
        ok("HTML: the links are <a href> elements with their text")
    if "[the platform team](<https://example.com/platform?a=1&b=2>)" in md or \
            "[the platform team](https://example.com/platform?a=1&b=2)" in md:
        ok("Markdown: the link is a Markdown link")
    else:
        bad("Markdown: the link is not a Markdown link")

    # Shown as written, never interpreted.
    flat = re.sub(r"\s+", " ", pdf_text)
    if "<script>alert(1)</script> # not a heading &amp; **unclosed." in flat:
        ok("PDF: <script>, '# ', '&amp;' and an unclosed '**' are shown as written")
    else:
        bad("PDF: the text that is not markup is not shown as written")
    if re.search(r"<script", html, re.I):
        bad("HTML: a <script> element")
    elif "&lt;script&gt;alert(1)&lt;/script&gt; # not a heading &amp;amp; **unclosed." in html:
        ok("HTML: <script> and '&amp;' are escaped and shown as text")
    else:
        bad("HTML: the text that is not markup is not escaped as expected")
    if "\\<script\\>alert(1)\\</script\\>" in md and "\n# not a heading" not in md:
        ok("Markdown: <script> is escaped; nothing became a heading")
    else:
        bad("Markdown: the text that is not markup is not escaped")

    # Where the words are: the summary's start on the first page, the rest
    # and the recommendations in Decisions and recommendations.
    dash = next((p for p in pages if "At a glance" in p and "Budgeted total" in p), "")
    words = next((p for p in pages if p.lstrip().startswith("Decisions and recommendations")
                  or "\nDecisions and recommendations\n" in p and "Our recommendations" in p), "")
    dflat, wflat = re.sub(r"\s+", " ", dash), re.sub(r"\s+", " ", words)
    if "SUMMARY-START the plan costs " + money(t["cost"]) in dflat and \
            "END-OF-SUMMARY" not in dflat and \
            "The summary continues in Decisions and recommendations." in dflat:
        ok("the summary starts on the first page, which says where it continues")
    else:
        bad("the first page does not show the summary's start and where it continues")
    if "END-OF-SUMMARY" in wflat and "Decisions for the board" in wflat and \
            wflat.find("Decisions for the board") < wflat.find("Our recommendations") < \
            wflat.find("RECO-ONE") < wflat.find("RECO-TWO"):
        ok("Decisions and recommendations: the summary's rest, the decisions, then the "
           "recommendations")
    else:
        bad("Decisions and recommendations lacks the summary's rest, decisions or "
            "recommendations")

    # Scenario placeholders, against the plan contract (plan.scenarios[] of
    # { id, name, plan }): a document double resolves sources through the
    # real _narrative.lua from a hand-made plan.
    pdir = os.path.join(tmp, "plugins", "document")
    os.makedirs(pdir)
    for name in os.listdir(os.path.join(src, "plugins", "document")):
        if name.endswith(".lua"):
            shutil.copy(os.path.join(src, "plugins", "document", name), pdir)
    os.rename(os.path.join(pdir, "standard.lua"), os.path.join(pdir, "_real.lua"))
    with open(os.path.join(pdir, "standard.lua"), "w", encoding="utf-8") as f:
        f.write('''local real = require("_real")
local narrative = require("_narrative")
local function document(plan, ctx)
  local s2 = { totals = { p80 = 1234567.5, cost = 2000000.49, variance = -250000.5 },
               initiatives = { { id = "I30", ["end"] = "2028-Q3" } } }
  local p = { scenarios = { { id = "S2", name = "Budget +20%", plan = s2 },
                            { id = "S.3", name = "Dotted", plan = { totals = { p90 = 7 } } } } }
  local function v(source, format)
    return narrative.value(p, { placeholder = "x", source = source, format = format })
  end
  local text = table.concat({
    "S-p80=[" .. v("scenarios[S2].plan.totals.p80", "money") .. "]",
    "S-name=[" .. v("scenarios[S2].name", "text") .. "]",
    "S-var=[" .. v("scenarios[S2].plan.totals.variance", "money") .. "]",
    "S-iend=[" .. v("scenarios[S2].plan.initiatives[I30].end", "quarter") .. "]",
    "S-dotted=[" .. v("scenarios[S.3].plan.totals.p90", "money") .. "]",
    "S-missing=[" .. v("scenarios[S9].plan.totals.p80", "money") .. "]",
  }, " ")
  local sections = real.hooks.document(plan, ctx)
  sections[#sections + 1] = waymark.section { id = "scenario-probe", title = "Probe",
                                              blocks = { waymark.paragraph(text) } }
  return sections
end
return { name = "document/standard", version = real.version, api_version = 1,
         hooks = { document = document } }
''')
    r = run("plan", "--format", "doc", "--plugins-dir", os.path.join(tmp, "plugins"), eng)
    got = dict(re.findall(r"(S-[\w-]+)=\[([^\]]*)\]", r.stdout))
    want_s = {"S-p80": "£1,234,568", "S-name": "Budget +20%", "S-var": "-£250,001",
              "S-iend": "Q3 2028", "S-dotted": "£7", "S-missing": "—"}
    if got == want_s:
        ok("scenario sources resolve against plan.scenarios[].plan: " + ", ".join(
            f"{k}={v}" for k, v in got.items()))
    else:
        bad(f"scenario sources: want {want_s}, got {got}\n{r.stderr}")

sys.exit(1 if failed else 0)
