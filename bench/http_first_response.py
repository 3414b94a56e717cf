# 64 keep-alive connections opened together, each sends one request at the same moment:
# the worst time to its first response. usage: first_response.py HOST PORT PATH
import socket, sys, threading, time
host, port, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
connections = [socket.create_connection((host, port)) for _ in range(64)]
barrier = threading.Barrier(64)
waits = [0.0] * 64
def client(i):
    s = connections[i]
    barrier.wait()
    start = time.monotonic()
    s.sendall(("GET %s HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n" % path).encode())
    s.recv(65536)
    waits[i] = time.monotonic() - start
threads = [threading.Thread(target=client, args=(i,)) for i in range(64)]
for t in threads: t.start()
for t in threads: t.join()
print("worst first response %.1f ms, median %.1f ms" % (max(waits) * 1000, sorted(waits)[32] * 1000))
