#!/usr/bin/env python3
"""Self-test of scripts/eval (the newsclip scorer).  Run: python3 scripts/eval_selftest.py

Perfect predictions are built from the gold by `perfect_records` below (written independently of
eval's own hidden --gold-as-predictions) and must score 1.0 (Pk/WindowDiff 0) on the seed page and
on hand-made pages; then single, known mistakes must move exactly the expected metrics by exactly
the expected amount.  Shared measurement sets (../shared/dev) are only read, never copied: their
gold must parse and score perfectly against itself.
"""

import importlib.machinery
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
EVAL = os.path.join(HERE, "eval")
SHARED = os.path.join(os.path.dirname(os.path.dirname(HERE)), "shared")
DEV = os.path.join(SHARED, "dev")

sys.dont_write_bytecode = True  # leave no __pycache__ in the repo
_loader = importlib.machinery.SourceFileLoader("newsclip_eval", EVAL)
_spec = importlib.util.spec_from_loader("newsclip_eval", _loader)
ev = importlib.util.module_from_spec(_spec)
_loader.exec_module(ev)

# A hand-made English page: chrome, a full article, chrome, an article with a credit line, and a
# truncated teaser, then a footer.  13 lines; roles: chrome 1,7,13; title 2,8,11; metadata 3,10;
# boilerplate 6; body 4,5,9,12.
PAGE_EN = """Home | World | Sports
Title One
By Alice Smith and Bob Jones | 2024-05-01
Body line one of the first story.
Body line two of the first story.
Share this article
Most read
Title Two
Body of the second story.
Source: Daily News Editor: Carol Wu
Title Three
The teaser of the third story ends mid-wo...
Copyright footer
"""
GOLD_EN = {"page": "page-en.txt", "lang": "en", "crawl_date": "2024-05-02", "articles": [
    {"lines": [2, 6], "title_line": 2, "metadata_lines": [3], "boilerplate_lines": [6],
     "title": "Title One", "authors": ["Alice Smith", "Bob Jones"], "published": "2024-05-01",
     "source": None, "editors": [], "truncated": False, "accept": {"authors": ["Alice Smith"]}},
    {"lines": [8, 10], "title_line": 8, "metadata_lines": [10], "boilerplate_lines": [],
     "title": "Title Two", "authors": [], "published": None, "source": "Daily News",
     "editors": ["Carol Wu"], "truncated": False, "accept": {"source": ["The Daily News"]}},
    {"lines": [11, 12], "title_line": 11, "metadata_lines": [], "boilerplate_lines": [],
     "title": "Title Three", "authors": [], "published": "2024-04-30T10:00", "source": None,
     "editors": [], "truncated": True, "unscored": ["editors"]}]}
# A Chinese single-article page with main-article gold; CRLF line ends.
PAGE_ZH = "首页 新闻\r\n标题：测试\r\n作者：张三\r\n正文第一段。\r\n正文第二段！\r\n"
MAIN_ZH = {"page": "zh/page-zh.txt", "lang": "zh", "title": "标题：测试", "authors": ["张三"],
           "published": "2024-05-01", "body": "正文第一段。\n正文第二段！", "url": "http://x.test/a"}
PAGE_MAIN_EN = "Menu\nA ‘Quoted’ Title\nHello, World! hello\n"
MAIN_EN = {"page": "page-main.txt", "lang": "en", "title": "A 'Quoted' Title", "authors": None,
           "published": "2024-05-01", "body": "Hello, World! hello",
           "accept": {"title": ["Quoted Title"]}}


def perfect_records(page_id, text, gold=None, main=None):
    """The records a perfect newsclip would write for a page (independent of eval's helper)."""
    lines = [ln.rstrip("\r") for ln in text.split("\n")]
    if text.endswith("\n"):
        lines.pop()
    if main is not None:
        return [{"page": page_id, "index": 0, "count": 1, "title": main["title"],
                 "authors": main["authors"] or [], "published": main["published"],
                 "source": None, "editors": [], "lang": main["lang"], "truncated": False,
                 "text": main["body"] or "", "lines": [1, len(lines)], "removed": []}]
    recs, arts = [], gold["articles"]
    for i, a in enumerate(arts):
        roles = {n: "metadata" for n in a["metadata_lines"]}
        roles.update({n: "boilerplate" for n in a["boilerplate_lines"]})
        if a["title_line"]:
            roles[a["title_line"]] = "title"
        first, last = a["lines"]
        recs.append({"page": page_id, "index": i, "count": len(arts), "title": a["title"],
                     "authors": a["authors"], "published": a["published"], "source": a["source"],
                     "editors": a["editors"], "lang": gold["lang"], "truncated": a["truncated"],
                     "text": "\n".join(lines[n - 1] for n in range(first, last + 1) if n not in roles),
                     "lines": [first, last],
                     "removed": [{"line": n, "role": r} for n, r in sorted(roles.items())]})
    return recs


def run_eval(*args):
    proc = subprocess.run([sys.executable, EVAL] + list(args), capture_output=True, text=True)
    return proc.returncode, proc.stdout, proc.stderr


def perfect_everywhere(test, overall):
    """Asserts every measured overall metric is perfect."""
    for name, value in overall.items():
        if value is None or name.startswith(("n_", "pages", "articles")):
            continue
        test.assertEqual(value, 0.0 if name in ("pk", "windowdiff") else 1.0, name)


class HandMadeTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="eval_selftest_")
        os.makedirs(os.path.join(self.dir, "zh"))
        for name, text, gold in (("page-en.txt", PAGE_EN, GOLD_EN), ("zh/page-zh.txt", PAGE_ZH, MAIN_ZH),
                                 ("page-main.txt", PAGE_MAIN_EN, MAIN_EN)):
            with open(os.path.join(self.dir, name), "w", encoding="utf-8", newline="") as f:
                f.write(text)
            kind = ".gold.json" if "articles" in gold else ".main.json"
            with open(os.path.join(self.dir, name[:-4] + kind), "w", encoding="utf-8") as f:
                json.dump(gold, f, ensure_ascii=False)
        with open(os.path.join(self.dir, "unannotated.txt"), "w") as f:
            f.write("not scored\n")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def records(self):
        return {"en": perfect_records("page-en.txt", PAGE_EN, gold=GOLD_EN),
                "zh": perfect_records("zh/page-zh.txt", PAGE_ZH, main=MAIN_ZH),
                "main": perfect_records("page-main.txt", PAGE_MAIN_EN, main=MAIN_EN)}

    def score(self, recs, *extra):
        path = os.path.join(self.dir, "pred.jsonl.out")
        with open(path, "w", encoding="utf-8") as f:
            for rs in recs.values():
                for r in rs:
                    f.write(json.dumps(r, ensure_ascii=False) + "\n")
        rc, out, err = run_eval("--json", "--predictions", path, *extra, self.dir)
        self.assertIn(rc, (0, 1), err)
        return json.loads(out)["overall"]

    def assert_changed(self, recs, expected):
        """Exactly the metrics in `expected` differ from the perfect scores, by the given values."""
        base, got = self.score(self.records()), self.score(recs)
        for name, value in got.items():
            want = expected.get(name, base[name])
            if value is None or want is None:
                self.assertEqual(value, want, name)
            else:
                self.assertAlmostEqual(value, want, 9, name)

    def test_perfect(self):
        overall = self.score(self.records())
        perfect_everywhere(self, overall)
        self.assertEqual((overall["pages_gold"], overall["pages_main"], overall["articles"]), (1, 2, 3))
        self.assertEqual((overall["n_title"], overall["n_authors"], overall["n_body"]), (2, 1, 2))
        rc, out, err = run_eval("--json", "--gold-as-predictions", self.dir)
        self.assertEqual(rc, 0, err)
        perfect_everywhere(self, json.loads(out)["overall"])

    def test_missed_boundary(self):
        recs = self.records()
        a1, a2 = recs["en"][1], recs["en"].pop(2)
        a1["lines"][1] = 12
        a1["removed"] += a2["removed"]  # roles stay right: only segmentation and fields move
        self.assert_changed(recs, {
            "boundary_r": 2 / 3, "boundary_f1": 0.8, "count_exact": 0.0,
            "pk": 1 / 12, "windowdiff": 1 / 12,  # k = 1: one of 12 line pairs is wrong
            "title": 2 / 3, "published": 2 / 3, "source": 2 / 3, "truncated": 2 / 3,
            "title_r": 2 / 3, "published_r": 1 / 2})  # article 2 (title, date) is unmatched

    def test_wrong_title(self):
        recs = self.records()
        recs["en"][0]["title"] = "Title Uno"
        self.assert_changed(recs, {"title": 2 / 3, "title_p": 2 / 3, "title_r": 2 / 3})

    def test_extra_author(self):
        recs = self.records()
        recs["en"][0]["authors"].append("Dan Brown")
        self.assert_changed(recs, {"authors_p": 2 / 3, "authors_f1": 0.8})

    def test_chrome_line_as_body(self):
        recs = self.records()
        recs["en"][0]["lines"][1] = 7  # line 7 ("Most read") is chrome
        self.assert_changed(recs, {"body_line_p": 4 / 5, "body_line_f1": 8 / 9,
                                   "boilerplate_line_r": 3 / 4, "boilerplate_line_f1": 6 / 7,
                                   "pk": 1 / 12, "windowdiff": 1 / 12})

    def test_accept_and_normalisation(self):
        recs = self.records()
        recs["en"][0]["authors"] = ["Alice  Smith"]          # accept: a flat list is one set
        recs["en"][1]["source"] = "The Daily News"           # accept.source
        recs["en"][1]["title"] = " Title\u3000Two "          # width / whitespace
        recs["en"][2]["editors"] = ["Someone"]               # unscored field
        recs["main"][0]["title"] = "A “Quoted” Title".replace("“", "‘").replace("”", "’")
        self.assert_changed(recs, {})
        recs["main"][0]["title"] = "Quoted Title"            # accept.title on a main page
        self.assert_changed(recs, {})
        recs["en"][1]["published"] = "2024-05-01"           # a date where gold has none
        self.assert_changed(recs, {"published": 2 / 3, "published_p": 2 / 3})
        recs["en"][0]["published"] = "2024-05-01T09:00"     # more precise than written: wrong
        self.assert_changed(recs, {"published": 1 / 3, "published_p": 1 / 3, "published_r": 1 / 2})

    def test_main_page_scores(self):
        recs = self.records()
        recs["zh"][0]["text"] = "正文第一段"          # 5 of 10 character tokens: F1 2/3
        recs["zh"][0]["published"] = "2024-05"       # less precise than gold: wrong
        recs["main"][0]["text"] = "hello world"     # tokens {hello:1, world:1} vs {hello:2, world:1}
        recs["main"][0]["published"] = "2024-05-01T08:30+02:00"   # a time on the right day: right
        recs["zh"].append(dict(recs["zh"][0], index=1, text="短", title="x", authors=[]))
        self.assert_changed(recs, {"main_body_f1": (2 / 3 + 0.8) / 2, "main_published": 1 / 2})
        recs["zh"][0]["published"] = "2024-05-02T08:00"   # wrong day
        self.assert_changed(recs, {"main_body_f1": (2 / 3 + 0.8) / 2, "main_published": 1 / 2})
        recs["zh"][0]["published"] = "2024-05-01 08:00"   # the gold's day, with a time
        self.assert_changed(recs, {"main_body_f1": (2 / 3 + 0.8) / 2})
        recs["zh"] = []                              # no article: everything on the page is wrong
        self.assert_changed(recs, {"main_body_f1": 0.8 / 2, "main_published": 1 / 2,
                                   "main_title": 1 / 2, "main_authors_f1": 0.0})

    def test_cli(self):
        rc, out, err = run_eval("--gold-as-predictions", "--min", "title=1", "--max", "pk=0", self.dir)
        self.assertEqual(rc, 0, err)
        self.assertIn("body_line_f1", out)
        for bad in (["--min", "nosuch=1"], ["--min", "title"], ["--min", "pk=0.1"], ["/nonexistent"]):
            self.assertEqual(run_eval("--gold-as-predictions", *bad, self.dir)[0], 2, bad)
        recs = self.records()
        recs["en"][0]["title"] = None
        path = os.path.join(self.dir, "bad.jsonl.out")
        with open(path, "w", encoding="utf-8") as f:
            f.writelines(json.dumps(r) + "\n" for rs in recs.values() for r in rs)
        rc, out, err = run_eval("--verbose", "--predictions", path, "--min", "title=0.9",
                                "--min", "boundary_f1=0.9", self.dir)
        self.assertEqual(rc, 1)
        self.assertIn("title = 0.6667 is below the floor 0.9", err)
        self.assertNotIn("boundary_f1", err)
        self.assertIn('title: gold "Title One", predicted null', out)
        rc, out, err = run_eval("--json", "--verbose", "--predictions", path, self.dir)
        self.assertEqual((rc, json.loads(out)["overall"]["title"]), (0, 2 / 3))
        self.assertIn('title: gold "Title One", predicted null', err)  # notes go to stderr

    def test_runs_binary(self):
        """A fake newsclip sees one JSONL input; its failures are reported with its stderr."""
        fake = os.path.join(self.dir, "fake-newsclip")
        with open(fake, "w") as f:
            f.write("#!%s\nimport json, sys\nassert sys.argv[1:] == ['--format', 'jsonl', '-']\n"
                    "pages = [json.loads(l) for l in sys.stdin]\n"
                    "json.dump(pages, open(%r, 'w'))\n"
                    "if any(p['id'] == 'page-en.txt' for p in pages):\n"
                    "    print(json.dumps({'page': 'page-en.txt', 'lines': [2, 12]}))\n"
                    "sys.stderr.write('boom\\n')\n"
                    "sys.exit(int(sys.argv[0].endswith('-fail')))\n"
                    % (sys.executable, os.path.join(self.dir, "seen.json")))
        os.chmod(fake, 0o755)
        rc, out, err = run_eval("--json", "--bin", fake, self.dir)
        self.assertEqual(rc, 0, err)
        with open(os.path.join(self.dir, "seen.json"), encoding="utf-8") as f:
            seen = {p["id"]: p for p in json.load(f)}
        self.assertEqual(sorted(seen), ["page-en.txt", "page-main.txt", "zh/page-zh.txt"])
        self.assertEqual(seen["page-en.txt"]["crawl_date"], "2024-05-02")
        self.assertEqual(seen["zh/page-zh.txt"]["url"], "http://x.test/a")
        self.assertEqual(seen["zh/page-zh.txt"]["text"], PAGE_ZH)
        overall = json.loads(out)["overall"]
        self.assertEqual((overall["boundary_p"], overall["boundary_r"]), (1.0, 1 / 3))
        self.assertEqual(overall["main_body_f1"], 0.0)
        shutil.copy(fake, fake + "-fail")
        rc, out, err = run_eval("--bin", fake + "-fail", self.dir)
        self.assertEqual(rc, 3)
        self.assertIn("boom", err)


class UnitTest(unittest.TestCase):
    def test_lines(self):
        self.assertEqual(ev.split_lines("a\r\nb\n"), ["a", "b"])
        self.assertEqual(ev.split_lines("a\n\nb"), ["a", "", "b"])
        self.assertEqual(ev.split_lines(""), [])

    def test_pk_windowdiff(self):
        ref = ["a"] * 5 + ["b"] * 5              # k = round(5 / 2) = 3
        self.assertEqual(ev.pk_windowdiff(ref, ref), (0.0, 0.0))
        self.assertEqual(ev.pk_windowdiff(ref, ["a"] * 10), (3 / 7, 3 / 7))
        self.assertEqual(ev.pk_windowdiff(ref, ["a"] * 4 + ["b"] * 6), (2 / 7, 2 / 7))
        self.assertIsNone(ev.pk_windowdiff(["a"], ["a"]))

    def test_matching(self):
        def match(golds, preds):
            return ev.match_articles([{"lines": g} for g in golds], [{"lines": p} for p in preds], 20)
        self.assertEqual(match([[1, 10]], [[1, 4]]), [None])          # Jaccard 0.4
        self.assertEqual(match([[1, 10]], [[1, 5]]), [0])             # Jaccard 0.5
        self.assertEqual(match([[1, 10]], [[1, 3], [4, 12]]), [1])    # largest overlap wins
        self.assertEqual(match([[1, 5], [6, 10]], [[1, 10]]), [0, None])  # one to one

    def test_names(self):
        gold = {"authors": ["BBC News"], "accept": {"authors": [[]]}}
        self.assertEqual(ev.names_counts(gold, "authors", []), (0, 0, 0))
        self.assertEqual(ev.names_counts(gold, "authors", ["BBC News"]), (1, 1, 1))
        gold = {"authors": ["A B", "C D"], "accept": {"authors": [["A B"], ["C D", "E F"]]}}
        self.assertEqual(ev.names_counts(gold, "authors", ["C D"]), (1, 1, 2))
        self.assertEqual(ev.names_counts(gold, "authors", ["A B"]), (1, 1, 1))
        self.assertEqual(ev.names_counts(gold, "authors", ["E F", "C D"]), (2, 2, 2))

    def test_norm_and_tokens(self):
        self.assertEqual(ev.norm(" It\u2019s \u201cx\u201d \u2013 \uff21 "), "It's \"x\" - A")
        self.assertIsNone(ev.norm("  "))
        self.assertEqual(sum(ev.body_tokens("中文，ＡＢ！", "zh").values()), 4)
        self.assertEqual(dict(ev.body_tokens("Don't STOP", "en")), {"don": 1, "t": 1, "stop": 1})


@unittest.skipUnless(os.path.isdir(DEV), "no shared/dev")
class SharedDataTest(unittest.TestCase):
    def test_seed_page(self):
        tmp = tempfile.mkdtemp(prefix="eval_seed_")
        try:
            for name in ("page-000.txt", "page-000.gold.json"):
                shutil.copy(os.path.join(SHARED, "seed", name), tmp)
            with open(os.path.join(tmp, "page-000.txt"), encoding="utf-8") as f:
                text = f.read()
            with open(os.path.join(tmp, "page-000.gold.json"), encoding="utf-8") as f:
                gold = json.load(f)
            pred = os.path.join(tmp, "pred.jsonl.out")
            with open(pred, "w", encoding="utf-8") as f:
                f.writelines(json.dumps(r) + "\n" for r in perfect_records("page-000.txt", text, gold))
            rc, out, err = run_eval("--json", "--predictions", pred, tmp)
            self.assertEqual(rc, 0, err)
            overall = json.loads(out)["overall"]
            perfect_everywhere(self, overall)
            self.assertEqual(overall["articles"], 3)
        finally:
            shutil.rmtree(tmp)

    def test_dev_gold_parses_and_is_perfect(self):
        rc, out, err = run_eval("--json", "--gold-as-predictions", DEV)
        self.assertEqual(rc, 0, err)
        result = json.loads(out)
        perfect_everywhere(self, result["overall"])
        self.assertGreater(result["overall"]["pages_gold"], 100)
        self.assertGreater(result["overall"]["pages_main"], 300)
        self.assertEqual(result["warnings"], 0)

    def test_seedstyle_with_independent_records(self):
        tmp = tempfile.mkdtemp(prefix="eval_dev_")
        src = os.path.join(DEV, "seedstyle-dev")
        try:
            pred = os.path.join(tmp, "pred.jsonl")
            with open(pred, "w", encoding="utf-8") as out:
                for name in sorted(os.listdir(src)):
                    if name.endswith(".gold.json"):
                        with open(os.path.join(src, name), encoding="utf-8") as f:
                            gold = json.load(f)
                        with open(os.path.join(src, name[:-10] + ".txt"), encoding="utf-8") as f:
                            text = f.read()
                        for r in perfect_records(name[:-10] + ".txt", text, gold):
                            out.write(json.dumps(r, ensure_ascii=False) + "\n")
            rc, out, err = run_eval("--json", "--predictions", pred, src)
            self.assertEqual(rc, 0, err)
            perfect_everywhere(self, json.loads(out)["overall"])
        finally:
            shutil.rmtree(tmp)


if __name__ == "__main__":
    unittest.main()
