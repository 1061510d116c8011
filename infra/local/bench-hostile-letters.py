#!/usr/bin/env python3
"""Hostile letters against a real local host (issue 23): time and peak memory per case.

Starts the built local host (Debug unless --configuration) on a free port with its own Azurite
(ports and folder of its own, deleted after), sends each hostile letter of issue 23 to
POST /api/drafts, and prints per case: the status, the seconds until the answer, and how much the
host's peak resident memory (VmHWM, reset before each case through /proc/PID/clear_refs) grew
over its resident memory before the case. Then it checks that the host still answers /health.

The letters are generated in memory here (none is stored in the repository; the largest is
~10 MiB). Linux only (/proc). Usage, from the repository root, after
`dotnet build functions/Orchestrator.Local` and `(cd infra/local && npm ci)`:

    python3 infra/local/bench-hostile-letters.py [--configuration Release]
"""
import argparse
import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import zipfile
import zlib

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="xml" ContentType="application/xml"/>'
                 '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')


def docx(document_parts):
    """A .docx whose word/document.xml is the concatenation of the given byte chunks (streamed into the zip)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            for chunk in document_parts:
                f.write(chunk)
    return out.getvalue()


def body(inner_chunks):
    yield f'<w:document xmlns:w="{W}"><w:body>'.encode()
    yield from inner_chunks
    yield b"</w:body></w:document>"


def repeated(chunk, times, per_write=100_000):
    while times > 0:
        n = min(times, per_write)
        yield chunk * n
        times -= n


def lying_docx():
    """document.xml of 64 MB of text whose zip headers (local and central) say it unpacks to 1 KB."""
    out = io.BytesIO()
    name = "word/document.xml"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr(name, b"".join(body([b"<w:p><w:r><w:t>", b"a" * (64 * 1024 * 1024), b"</w:t></w:r></w:p>"])))
    buf = bytearray(out.getvalue())
    encoded = name.encode()
    i = 0
    while (i := buf.find(encoded, i)) >= 0:
        if buf[i - 30:i - 26] == b"PK\x03\x04":  # local header: uncompressed size at +22
            buf[i - 30 + 22:i - 30 + 26] = (1024).to_bytes(4, "little")
        elif buf[i - 46:i - 42] == b"PK\x01\x02":  # central directory: uncompressed size at +24
            buf[i - 46 + 24:i - 46 + 28] = (1024).to_bytes(4, "little")
        i += len(encoded)
    return bytes(buf)


def pdf(content_chunks):
    """A one-page PDF whose content stream is the Flate-compressed concatenation of the chunks."""
    comp = zlib.compressobj(9)
    data = b"".join(comp.compress(c) for c in content_chunks) + comp.flush()
    out = io.BytesIO()
    offsets = []

    def obj(body_bytes):
        offsets.append(out.tell())
        out.write(f"{len(offsets)} 0 obj\n".encode() + body_bytes + b"\nendobj\n")

    out.write(b"%PDF-1.4\n")
    obj(b"<< /Type /Catalog /Pages 2 0 R >>")
    obj(b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
    obj(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>")
    obj(f"<< /Length {len(data)} /Filter /FlateDecode >>\nstream\n".encode() + data + b"\nendstream")
    obj(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    xref = out.tell()
    out.write(f"xref\n0 {len(offsets) + 1}\n0000000000 65535 f \n".encode())
    for o in offsets:
        out.write(f"{o:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(offsets) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


VALID = "\n".join([
    "VĂN PHÒNG CHÍNH PHỦ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 321/VPCP-KTTH", "V/v rà soát dự án",
    "Hà Nội, ngày 10 tháng 2 năm 2025", "Kính gửi: Bộ Tài chính",
    "Thủ tướng Chính phủ giao Bộ Tài chính rà soát các dự án, báo cáo trước ngày 15 tháng 3 năm 2025.",
    "Văn phòng Chính phủ thông báo để Bộ Tài chính biết, thực hiện./.", "KT. BỘ TRƯỞNG, CHỦ NHIỆM", "Nguyễn Văn An"])


def cases():
    yield "valid letter (.docx)", DOCX, lambda: docx(body([f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>".encode() for line in VALID.split("\n")]))
    yield "valid letter (text)", "text/plain; charset=utf-8", lambda: VALID.encode()
    yield ".docx nesting 100,000 <w:p>", DOCX, lambda: docx(body(list(repeated(b"<w:p>", 100_000)) + list(repeated(b"</w:p>", 100_000))))
    yield ".docx, one run unpacking to 400 MB", DOCX, lambda: docx(body([b"<w:p><w:r><w:t>"] + list(repeated(b"a", 400 * 1024 * 1024, 8 * 1024 * 1024)) + [b"</w:t></w:r></w:p>"]))
    yield ".docx of 6 million paragraphs", DOCX, lambda: docx(body(repeated(b"<w:p/>", 6_000_000)))
    yield ".docx of 2 million paragraphs (12 MB, within the unpacked bound)", DOCX, lambda: docx(body(repeated(b"<w:p/>", 2_000_000)))
    yield ".docx whose zip headers understate 64 MB as 1 KB", DOCX, lying_docx
    yield ".docx with a DTD", DOCX, lambda: docx([f'<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>'.encode()])
    yield ".docx with broken XML", DOCX, lambda: docx([f'<w:document xmlns:w="{W}"><w:body><w:p>'.encode()])
    yield "PDF of 200,000 text operators", "application/pdf", lambda: pdf([b"BT /F1 1 Tf 0 0 Td "] + list(repeated(b"(a) Tj ", 200_000)) + [b"ET"])
    yield "PDF of 2,000,000 empty text operators (no letters)", "application/pdf", lambda: pdf([b"BT /F1 1 Tf 0 0 Td "] + list(repeated(b"() Tj ", 2_000_000)) + [b"ET"])
    yield "PDF of 3,000,000 q/Q operator pairs", "application/pdf", lambda: pdf(repeated(b"q Q ", 3_000_000))
    yield "PDF with a 1 GB stream", "application/pdf", lambda: pdf(repeated(b"\0" * 1024 * 1024, 1024, 16))
    yield "text of 'giao cho ' repeated (199 KB)", "text/plain; charset=utf-8", lambda: b"giao cho " * (199_000 // 9)
    yield "text of 'chủ trì ' repeated (199 KB)", "text/plain; charset=utf-8", lambda: ("chủ trì " * (199_000 // 10)).encode()
    yield "10 MiB of text (over the character cap)", "text/plain; charset=utf-8", lambda: b"a" * (10 * 1024 * 1024)
    yield "10 MiB of random bytes as a PDF", "application/pdf", lambda: os.urandom(10 * 1024 * 1024)
    yield "10 MiB of random bytes as a .docx", DOCX, lambda: os.urandom(10 * 1024 * 1024)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def status_kib(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def post(url, key, content_type, data, timeout=120):
    request = urllib.request.Request(url, data=data, method="POST", headers={"Content-Type": content_type, "x-functions-key": key})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--configuration", default="Debug")
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    host_dll = os.path.join(root, "functions", "Orchestrator.Local", "bin", args.configuration, "net10.0", "orchestrator.dll")
    if not os.path.exists(host_dll):
        sys.exit(f"build the local host first: dotnet build -c {args.configuration} functions/Orchestrator.Local")

    http, blob, queue, table = free_port(), free_port(), free_port(), free_port()
    folder = tempfile.mkdtemp(prefix="hostile-bench-")
    key = "bench-key-" + os.urandom(8).hex()
    storage = ("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
               "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
               f"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;"
               f"TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;")
    env = dict(os.environ, AzureWebJobsStorage=storage, Api__Key=key, Api__AdminKey=key + "-admin",
               Azurite__Location=os.path.join(folder, "azurite"), TaskHubName="HostileBench")
    log = open(os.path.join(folder, "host.log"), "w")
    host = subprocess.Popen(["dotnet", host_dll, "--urls", f"http://127.0.0.1:{http}"], cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{http}"
    try:
        for _ in range(240):
            try:
                with urllib.request.urlopen(base + "/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            time.sleep(0.5)
        else:
            sys.exit("the host did not start; see " + log.name)
        # Warm up the draft path once, so the first case does not pay for JIT and the directory.
        post(base + "/api/drafts", key, "text/plain; charset=utf-8", VALID.encode())

        results = []
        print(f"{'case':66} {'bytes':>10} {'status':>6} {'seconds':>8} {'peak growth MB':>14}")
        for name, content_type, make in cases():
            data = make()
            time.sleep(1)
            rss_before = status_kib(host.pid, "VmRSS")
            with open(f"/proc/{host.pid}/clear_refs", "w") as f:
                f.write("5")  # resets VmHWM to the current RSS
            started = time.monotonic()
            try:
                status, answer = post(base + "/api/drafts", key, content_type, data)
            except (urllib.error.URLError, ConnectionError, OSError) as e:
                status, answer = 0, str(e).encode()
            seconds = time.monotonic() - started
            growth = (status_kib(host.pid, "VmHWM") - rss_before) / 1024 if host.poll() is None else float("nan")
            title = ""
            try:
                problem = json.loads(answer)
                title = problem.get("title", "") if status >= 400 else "draft"
                if status >= 400 and problem.get("errors"):
                    title = problem["errors"][0]["message"][:90]
            except (ValueError, AttributeError):
                title = answer[:60].decode(errors="replace")
            print(f"{name:66} {len(data):>10} {status:>6} {seconds:>8.2f} {growth:>14.1f}   {title}")
            results.append({"case": name, "bytes": len(data), "status": status, "seconds": round(seconds, 2),
                            "peakGrowthMB": round(growth, 1), "answer": title})
            if host.poll() is not None:
                print("THE HOST DIED; see " + log.name)
                break
        alive = host.poll() is None
        if alive:
            with urllib.request.urlopen(base + "/health", timeout=10) as r:
                alive = r.status == 200
        print(f"host alive after all cases: {alive}; peak RSS of the host over the run (VmHWM at the end, since the last reset): "
              f"{status_kib(host.pid, 'VmHWM') / 1024:.0f} MB" if host.poll() is None else "host gone")
        if args.json:
            with open(args.json, "w") as f:
                json.dump(results, f, indent=2)
    finally:
        if host.poll() is None:
            host.send_signal(signal.SIGINT)
            try:
                host.wait(60)
            except subprocess.TimeoutExpired:
                host.kill()
        log.close()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
