#!/usr/bin/env python3
"""Writes the seed corpus of one fuzz target into a folder, drawn from corpus/ (scripts/fuzz).

text_reader, pipeline: the pages as they are. jsonl_reader: the pages as JSONL lines. warc_reader:
the pages as WET conversion records among warcinfo/response records. decompress: pages, JSONL and
WARC seeds compressed with gzip (one and several members) and zstd. rules: data/rules.tsv in
pieces. dates: the corpus lines that hold a digit, each after a context byte. html: the pages
marked up as HTML (headings, menus, meta tags, JSON-LD, broken and unclosed tags), some in GBK or
Windows-1252, each after a byte that picks the declared charset.
"""
import gzip
import json
import pathlib
import shutil
import subprocess
import sys


def pages(corpus):
    return sorted(p for p in corpus.glob('*.txt'))


def jsonl_lines(corpus):
    out = []
    for i, p in enumerate(pages(corpus)):
        rec = {'id': p.stem, 'text': p.read_text(encoding='utf-8')}
        if i % 3 == 0:
            rec['url'] = f'https://example.com/2022/09/{i % 28 + 1:02d}/story.html'
        if i % 4 == 0:
            rec['crawl_date'] = '2024-05-01'
        if i % 5 == 0:
            rec['id'] = i
        out.append(json.dumps(rec, ensure_ascii=(i % 2 == 0)))
    return out


def warc_record(rtype, body, n):
    body = body.encode('utf-8')
    head = (f'WARC/1.0\r\nWARC-Type: {rtype}\r\nWARC-Record-ID: <urn:uuid:0000-{n:04d}>\r\n'
            f'WARC-Target-URI: https://example.com/{n}\r\nWARC-Date: 2024-05-01T10:00:00Z\r\n'
            f'Content-Type: text/plain\r\nContent-Length: {len(body)}\r\n\r\n')
    return head.encode() + body + b'\r\n\r\n'


def warc_files(corpus):
    ps = pages(corpus)
    files = []
    for i, p in enumerate(ps):
        files.append(warc_record('conversion', p.read_text(encoding='utf-8'), i))
    info = warc_record('warcinfo', 'software: newsclip-seed\r\n', 9999)
    mixed = info + b''.join(warc_record('response' if i % 2 else 'conversion',
                                        ps[i].read_text(encoding='utf-8')[:400], i) for i in range(6))
    files.append(mixed)
    return files


def html_page(i, text):
    import html as h
    lines = [l for l in text.splitlines() if l.strip()]
    out = ['<!DOCTYPE html><html lang="en"><head><meta charset="%s">' % ('gbk' if i % 3 == 1 else 'utf-8')]
    if lines:
        out.append('<title>%s</title>' % h.escape(lines[0]))
    out.append('<meta property="og:site_name" content="Example"><meta name="author" content="Jane Roe">')
    out.append('<script type="application/ld+json">{"@type":"NewsArticle","headline":"H",'
               '"datePublished":"2024-05-0%dT10:00:00Z","author":[{"name":"A B"}]}</script>' % (i % 9 + 1))
    out.append('</head><body><nav><ul><li><a href=/>Home</a><li><a href=/w>World</a></ul></nav><article>')
    for j, l in enumerate(lines):
        tag = 'h1' if j == 0 else ('li' if j % 7 == 3 else 'p')
        out.append('<%s>%s</%s>' % (tag, h.escape(l), tag if i % 4 else ''))  # every 4th page leaves tags open
    out.append('</article><footer><p class="copyright">Footer</p></footer>' + ('</body></html>' if i % 2 else ''))
    return ''.join(out)


def zstd(data):
    return subprocess.run(['zstd', '-q', '-c', '-3'], input=data, stdout=subprocess.PIPE, check=True).stdout


def main():
    target, corpus, root, out = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3]), pathlib.Path(sys.argv[4])
    out.mkdir(parents=True, exist_ok=True)
    seeds = []
    if target in ('text_reader', 'pipeline'):
        seeds = [p.read_bytes() for p in pages(corpus)]
        if target == 'pipeline':
            # The first byte picks crawl date and URL (pipeline_fuzz.cc): keep both bits varied.
            seeds += [bytes([i % 4]) + s for i, s in enumerate(seeds)]
    elif target == 'jsonl_reader':
        lines = jsonl_lines(corpus)
        seeds = [(l + '\n').encode() for l in lines[:20]]
        seeds.append(('\n'.join(lines[20:30]) + '\n').encode())
        seeds.append(b'{"id":"a","text":"x"}\n\n{"text":1}\nnot json\n{"id":"b","text":"y","text":"z"}\n')
    elif target == 'warc_reader':
        seeds = warc_files(corpus)
    elif target == 'decompress':
        small = [p.read_bytes() for p in pages(corpus)][:12]
        lines = ('\n'.join(jsonl_lines(corpus)[:4]) + '\n').encode()
        warc = warc_files(corpus)[-1]
        for i, data in enumerate(small + [lines, warc]):
            seeds.append(gzip.compress(data, mtime=0))
            seeds.append(zstd(data))
            if i % 3 == 0:  # several members / frames, as Common Crawl writes them
                half = len(data) // 2
                seeds.append(gzip.compress(data[:half], mtime=0) + gzip.compress(data[half:], mtime=0))
                skippable = b'\x50\x2a\x4d\x18' + (4).to_bytes(4, 'little') + b'skip'
                seeds.append(skippable + zstd(data[:half]) + zstd(data[half:]))
    elif target == 'rules':
        rules = (root / 'data' / 'rules.tsv').read_bytes().split(b'\n')
        for i in range(0, len(rules), 12):
            seeds.append(b'\n'.join(rules[i:i + 12]) + b'\n')
        seeds.append(b'boilerplate\tmy-rule\t^Share this( story)?$\nlabel\tauthors\tWriter|Reporter\n'
                     b'byline\tauthors\t^Reported by (.+)$\ndateline\tsource\t^([A-Z]+) \\(([A-Z][a-z]+)\\) --\n')
    elif target == 'dates':
        seen = set()
        for p in pages(corpus):
            for line in p.read_text(encoding='utf-8').splitlines():
                line = line.strip()[:300]
                if any(c.isdigit() for c in line) and line not in seen:
                    seen.add(line)
                    seeds.append(bytes([len(seen) % 8]) + line.encode())
    elif target == 'html':
        for i, p in enumerate(pages(corpus)):
            doc = html_page(i, p.read_text(encoding='utf-8'))
            data = doc.encode('gbk', errors='replace') if i % 3 == 1 else doc.encode('utf-8')
            seeds.append(bytes([2 if i % 3 == 1 else i % 8]) + data)
    else:
        sys.exit(f'make_seeds.py: unknown target {target}')
    for i, data in enumerate(seeds):
        (out / f'seed-{i:04d}').write_bytes(data)
    print(len(seeds))


if __name__ == '__main__':
    main()
