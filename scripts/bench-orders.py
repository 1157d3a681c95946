"""The click & collect measures of docs/PERFORMANCE.md (issue 14), driven by scripts/bench-orders.sh
against two running instances of one database. Standard library only.

  checkouts BASE_A BASE_B PRODUCT PRICE CLIENTS ATTEMPTS
      CLIENTS threads post the checkout form (each a new form key, shopper and client address),
      alternating between the two instances, ATTEMPTS in all; prints placed, refused, the
      rate, and the latencies.
  delay BASE_A BASE_B PRODUCT PRICE COOKIE N
      opens the shop's inbox stream on instance B as the merchant, places N checkouts one by one
      on A, and prints the delay from each checkout's request to the event on B (p50, p95, max).
  streams BASE PRODUCT PRICE COOKIE N BASE_A
      opens N inbox streams on BASE, places one checkout on BASE_A, and prints how many streams got
      the event and how long the last one took.
"""
import http.client
import os
import random
import re
import socket
import string
import sys
import threading
import time
import urllib.parse

ALPHABET = string.ascii_letters + string.digits + "-_"


def key():
    return "".join(random.choice(ALPHABET) for _ in range(43))


def address():
    return f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"


def connection(base):
    url = urllib.parse.urlparse(base)
    return http.client.HTTPConnection(url.hostname, url.port, timeout=30)


def slot_of(base, product):
    """Adds the product to a new basket and reads the first slot its page offers."""
    c = connection(base)
    body = urllib.parse.urlencode({"produit": product, "quantite": "1"})
    c.request("POST", "/panier/ajouter", body, {"Content-Type": "application/x-www-form-urlencoded", "Origin": base, "X-Forwarded-For": address()})
    r = c.getresponse()
    r.read()
    cookie = r.getheader("Set-Cookie").split(";")[0]
    c.request("GET", "/panier", headers={"Cookie": cookie})
    html = c.getresponse().read().decode()
    name, value = re.search(r'name="(creneau-\d+)".*?<option value="(20[^"]+)"', html, re.S).groups()
    return name, value


def checkout(c, base, product, price, slot):
    name, value = slot
    n = random.randrange(10**12)
    body = urllib.parse.urlencode(
        {"cle": key(), "nom": f"Client {n}", "email": f"bench{n}@example.be", name: value, "ligne": f"{product}:1:{price}"}
    )
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "text/html",
        "Origin": base,
        "Sec-Fetch-Site": "same-origin",
        "X-Forwarded-For": address(),
    }
    c.request("POST", "/panier/commander", body, headers)
    r = c.getresponse()
    r.read()
    return r.status


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def checkouts(base_a, base_b, product, price, clients, attempts):
    slot = slot_of(base_a, product)
    lock = threading.Lock()
    counts = {}
    latencies = []
    left = [int(attempts)]

    def worker(i):
        base = base_a if i % 2 == 0 else base_b
        c = connection(base)
        while True:
            with lock:
                if left[0] == 0:
                    return
                left[0] -= 1
            start = time.perf_counter()
            status = checkout(c, base, product, price, slot)
            elapsed = time.perf_counter() - start
            with lock:
                counts[status] = counts.get(status, 0) + 1
                latencies.append(elapsed)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(int(clients))]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    placed = counts.get(303, 0)
    print(f"  {attempts} checkouts by {clients} clients over two instances in {elapsed:.2f} s: {int(attempts) / elapsed:.0f}/s")
    print(f"  placed {placed}, refused 'no longer available' {counts.get(422, 0)}, other {dict((k, v) for k, v in counts.items() if k not in (303, 422))}")
    print(f"  latency p50 {percentile(latencies, 50) * 1000:.1f} ms, p95 {percentile(latencies, 95) * 1000:.1f} ms")
    print(f"PLACED={placed}")


def open_stream(base, cookie, business):
    url = urllib.parse.urlparse(base)
    s = socket.create_connection((url.hostname, url.port))
    s.sendall(f"GET /tableau-de-bord/{business}/commandes/flux HTTP/1.1\r\nHost: {url.netloc}\r\nCookie: {cookie}\r\nAccept: text/event-stream\r\n\r\n".encode())
    head = b""
    while b"\r\n\r\n" not in head:
        head += s.recv(4096)
    if b" 200 " not in head.split(b"\r\n")[0]:
        raise SystemExit(f"the stream was refused: {head[:200]!r}")
    return s, head.split(b"\r\n\r\n", 1)[1]


def wait_event(s, buffered, deadline):
    data = buffered
    while b"event: orders" not in data:
        s.settimeout(max(0.01, deadline - time.perf_counter()))
        chunk = s.recv(4096)
        if not chunk:
            return None
        data += chunk
    return time.perf_counter()


def delay(base_a, base_b, product, price, cookie, n):
    slot = slot_of(base_a, product)
    c = connection(base_a)
    delays = []
    for _ in range(int(n)):
        s, buffered = open_stream(base_b, cookie, 1)
        time.sleep(0.3)
        start = time.perf_counter()
        status = checkout(c, base_a, product, price, slot)
        assert status == 303, status
        arrived = wait_event(s, buffered, start + 5)
        s.close()
        if arrived is None:
            raise SystemExit("no event within 5 s")
        delays.append(arrived - start)
    print(f"  {n} checkouts on instance A, each seen on instance B's inbox stream after: p50 {percentile(delays, 50) * 1000:.0f} ms, p95 {percentile(delays, 95) * 1000:.0f} ms, max {max(delays) * 1000:.0f} ms (budget p95 1000 ms)")


def streams(base, product, price, cookie, n, base_a):
    opened = [open_stream(base, cookie, 1) for _ in range(int(n))]
    print(f"  {n} inbox streams open on one instance")
    sys.stdout.flush()
    pid_file = os.environ.get("BENCH_PID")
    if pid_file:
        rss = open(f"/proc/{pid_file}/status").read()
        print("  " + [l for l in rss.splitlines() if l.startswith("VmRSS")][0].replace("\t", " "))
    slot = slot_of(base_a, product)
    start = time.perf_counter()
    status = checkout(connection(base_a), base_a, product, price, slot)
    assert status == 303, status
    got = 0
    last = 0
    for s, buffered in opened:
        arrived = wait_event(s, buffered, start + 10)
        if arrived is not None:
            got += 1
            last = max(last, arrived - start)
    print(f"  one checkout: {got} of {n} streams got the event, the last after {last * 1000:.0f} ms")
    for s, _ in opened:
        s.close()


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    {"checkouts": checkouts, "delay": delay, "streams": streams}[command](*args)
