/* PPP TCP throughput through cellemu: the host's own kernel TCP over a dial-up call, the way pppd
 * would carry it, without PPP in the kernel. Starts a sink on 127.0.0.1 and cellemu with a route
 * to it, moves into a network namespace of its own (root: unshare(CLONE_NEWNET)), dials
 * ATD*99#, negotiates LCP and IPCP (accepting what the module asks), bridges the PPP link to a
 * TUN device with a default route, then sends BYTES over TCP to the routed address and waits for
 * the sink to close.
 *   ppp_tun CELLEMU BYTES [cellemu options...]
 * Prints MB/s (10^6 bytes per second) from the first byte written to the sink's close. Not
 * the same mode as the transparent rows: TCP segments of 1460 bytes in HDLC frames. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { kMaxFrame = 4096, kChunk = 64 * 1024 };
static const char kVirtual[] = "203.0.113.10";
static const int kVirtualPort = 9000;

static int pty = -1, tun = -1;
static pid_t cellemu = -1;
static uint32_t tx_accm = 0xFFFFFFFF; /* every control character escaped until LCP is up */
static uint8_t frame[kMaxFrame];
static size_t frame_len;
static int frame_escaped;

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char* what) {
  perror(what);
  exit(1);
}

static uint16_t fcs16(const uint8_t* p, size_t n) {
  uint16_t fcs = 0xFFFF;
  while (n--) {
    fcs ^= *p++;
    for (int i = 0; i < 8; ++i) fcs = (fcs & 1) ? (uint16_t)((fcs >> 1) ^ 0x8408) : fcs >> 1;
  }
  return fcs;
}

static void put(uint8_t* out, size_t* n, uint8_t b) {
  if (b == 0x7E || b == 0x7D || (b < 0x20 && (tx_accm >> b) & 1)) {
    out[(*n)++] = 0x7D;
    b ^= 0x20;
  }
  out[(*n)++] = b;
}

static void write_all(int fd, const uint8_t* p, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w < 0 && (errno == EAGAIN || errno == EINTR)) {
      struct pollfd pf = {fd, POLLOUT, 0};
      poll(&pf, 1, 1000);
      continue;
    }
    if (w <= 0) die("write");
    p += w;
    n -= (size_t)w;
  }
}

/* One HDLC frame: FF 03, protocol, info, FCS (RFC 1662). */
static void send_frame(uint16_t protocol, const uint8_t* info, size_t len) {
  static uint8_t raw[kMaxFrame], out[2 * kMaxFrame + 8];
  size_t r = 0, n = 0;
  raw[r++] = 0xFF;
  raw[r++] = 0x03;
  raw[r++] = (uint8_t)(protocol >> 8);
  raw[r++] = (uint8_t)protocol;
  memcpy(raw + r, info, len);
  r += len;
  uint16_t fcs = (uint16_t)~fcs16(raw, r);
  raw[r++] = (uint8_t)fcs;
  raw[r++] = (uint8_t)(fcs >> 8);
  out[n++] = 0x7E;
  for (size_t i = 0; i < r; ++i) put(out, &n, raw[i]);
  out[n++] = 0x7E;
  write_all(pty, out, n);
}

/* Feeds one byte; returns 1 with a good frame (no FCS) in frame[0..frame_len). */
static int take(uint8_t b) {
  if (b == 0x7E) {
    int good = frame_len >= 4 && fcs16(frame, frame_len) == 0xF0B8;
    if (good)
      frame_len -= 2;
    else
      frame_len = 0;
    frame_escaped = 0;
    return good;
  }
  if (b == 0x7D) {
    frame_escaped = 1;
    return 0;
  }
  if (frame_escaped) b ^= 0x20;
  frame_escaped = 0;
  if (frame_len < kMaxFrame) frame[frame_len++] = b;
  return 0;
}

/* The frame's protocol and where its information starts (ACFC, PFC allowed). */
static uint16_t protocol_of(const uint8_t** info, size_t* len) {
  const uint8_t* p = frame;
  size_t n = frame_len;
  if (n >= 2 && p[0] == 0xFF && p[1] == 0x03) p += 2, n -= 2;
  uint16_t proto = p[0];
  if (proto & 1)
    p += 1, n -= 1;
  else
    proto = (uint16_t)(p[0] << 8 | p[1]), p += 2, n -= 2;
  *info = p;
  *len = n;
  return proto;
}

static void reply(uint16_t proto, uint8_t code, const uint8_t* info, size_t len) {
  uint8_t out[kMaxFrame];
  memcpy(out, info, len);
  out[0] = code;
  send_frame(proto, out, len);
}

/* LCP, then IPCP: ours are ACCM 0 and IP 0.0.0.0 (taking the address the module Naks). */
static uint32_t negotiate(void) {
  static const uint8_t lcp_req[] = {1, 1, 0, 10, 2, 6, 0, 0, 0, 0};
  uint8_t ipcp_req[] = {1, 1, 0, 10, 3, 6, 0, 0, 0, 0};
  int lcp_acked = 0, lcp_up = 0, ipcp_acked = 0, ipcp_up = 0;
  send_frame(0xC021, lcp_req, sizeof lcp_req);
  double deadline = now() + 10;
  uint8_t buf[4096];
  while (!(ipcp_acked && ipcp_up)) {
    if (now() > deadline) die("negotiation timed out");
    struct pollfd pf = {pty, POLLIN, 0};
    if (poll(&pf, 1, 200) <= 0) continue;
    ssize_t n = read(pty, buf, sizeof buf);
    for (ssize_t i = 0; i < n; ++i) {
      if (!take(buf[i])) continue;
      const uint8_t* info;
      size_t len;
      uint16_t proto = protocol_of(&info, &len);
      frame_len = 0;
      if (len < 4) continue;
      if (proto == 0xC021 && info[0] == 1) reply(proto, 2, info, len), lcp_up = 1;
      if (proto == 0xC021 && info[0] == 2) lcp_acked = 1;
      if (lcp_acked && lcp_up && tx_accm) {
        tx_accm = 0;
        send_frame(0x8021, ipcp_req, sizeof ipcp_req);
      }
      if (proto == 0x8021 && info[0] == 1) reply(proto, 2, info, len), ipcp_up = 1;
      if (proto == 0x8021 && info[0] == 3 && len >= 10 && info[4] == 3) {
        memcpy(ipcp_req + 6, info + 6, 4);
        ipcp_req[1] = 2;
        send_frame(0x8021, ipcp_req, sizeof ipcp_req);
      }
      if (proto == 0x8021 && info[0] == 2) ipcp_acked = 1;
    }
  }
  uint32_t ip;
  memcpy(&ip, ipcp_req + 6, 4);
  return ip;
}

/* The link: IPv4 packets between the TUN device and PPP frames; LCP echo answered. */
static void* bridge(void* unused) {
  (void)unused;
  static uint8_t buf[kChunk];
  for (;;) {
    struct pollfd pf[2] = {{pty, POLLIN, 0}, {tun, POLLIN, 0}};
    if (poll(pf, 2, -1) < 0 && errno != EINTR) die("poll");
    if (pf[0].revents & POLLIN) {
      ssize_t n = read(pty, buf, sizeof buf);
      for (ssize_t i = 0; i < n; ++i) {
        if (!take(buf[i])) continue;
        const uint8_t* info;
        size_t len;
        uint16_t proto = protocol_of(&info, &len);
        if (proto == 0x0021 && write(tun, info, len) < 0 && errno != EAGAIN) die("tun write");
        if (proto == 0xC021 && len >= 8 && info[0] == 9) reply(proto, 10, info, len);
        frame_len = 0;
      }
    }
    if (pf[1].revents & POLLIN) {
      ssize_t n = read(tun, buf, sizeof buf);
      if (n > 0) send_frame(0x0021, buf, (size_t)n);
    }
  }
  return NULL;
}

static void setup_tun(uint32_t ip) {
  struct ifreq ifr;
  memset(&ifr, 0, sizeof ifr);
  ifr.ifr_flags = IFF_TUN | IFF_NO_PI;
  strcpy(ifr.ifr_name, "ppp0");
  if ((tun = open("/dev/net/tun", O_RDWR)) < 0 || ioctl(tun, TUNSETIFF, &ifr) < 0) die("tun");
  char cmd[256];
  struct in_addr a = {ip};
  snprintf(cmd, sizeof cmd,
           "ip addr add %s peer 192.168.20.1 dev ppp0 && ip link set ppp0 mtu 1500 up && "
           "ip route add default dev ppp0",
           inet_ntoa(a));
  if (system(cmd) != 0) die("ip");
}

/* The sink on the host's loopback: reads to EOF, then closes. Returns its port. */
static int start_sink(void) {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in sa = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
  socklen_t sl = sizeof sa;
  if (bind(s, (struct sockaddr*)&sa, sizeof sa) < 0 || listen(s, 1) < 0 ||
      getsockname(s, (struct sockaddr*)&sa, &sl) < 0)
    die("sink");
  if (fork() == 0) {
    static char buf[kChunk];
    int c = accept(s, NULL, NULL);
    while (read(c, buf, sizeof buf) > 0) {
    }
    _exit(0);
  }
  close(s);
  return ntohs(sa.sin_port);
}

static void start_cellemu(char** argv, int argc, int sink_port) {
  char route[64];
  snprintf(route, sizeof route, "%s:%d=127.0.0.1:%d", kVirtual, kVirtualPort, sink_port);
  char** args = calloc((size_t)argc + 8, sizeof *args);
  int n = 0;
  args[n++] = argv[1];
  args[n++] = "--route";
  args[n++] = route;
  args[n++] = "--log-level";
  args[n++] = "warn";
  for (int i = 3; i < argc; ++i) args[n++] = argv[i];
  int out[2];
  if (pipe(out) < 0) die("pipe");
  if ((cellemu = fork()) == 0) {
    dup2(out[1], 1);
    execv(argv[1], args);
    _exit(127);
  }
  char path[128] = {0};
  for (size_t i = 0; i + 1 < sizeof path && read(out[0], path + i, 1) == 1 && path[i] != '\n';) ++i;
  path[strcspn(path, " \n")] = 0;
  if ((pty = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK)) < 0) die(path);
}

int main(int argc, char** argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: ppp_tun CELLEMU BYTES [cellemu options...]\n");
    return 2;
  }
  size_t bytes = strtoull(argv[2], NULL, 10);
  start_cellemu(argv, argc, start_sink());
  if (unshare(CLONE_NEWNET) < 0) die("unshare (needs root)");
  static const char dial[] = "ATE0\rATD*99#\r";
  write_all(pty, (const uint8_t*)dial, sizeof dial - 1);
  char text[512] = {0};
  size_t t = 0;
  for (double end = now() + 5; !strstr(text, "CONNECT\r\n") && now() < end;) {
    struct pollfd pf = {pty, POLLIN, 0};
    if (poll(&pf, 1, 100) > 0 && t + 1 < sizeof text) {
      ssize_t n = read(pty, text + t, 1);
      if (n > 0) t += (size_t)n;
    }
  }
  if (!strstr(text, "CONNECT\r\n")) die("no CONNECT");
  setup_tun(negotiate());
  pthread_t th;
  pthread_create(&th, NULL, bridge, NULL);
  int s = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons(kVirtualPort)};
  inet_pton(AF_INET, kVirtual, &sa.sin_addr);
  if (connect(s, (struct sockaddr*)&sa, sizeof sa) < 0) die("connect");
  static uint8_t buf[kChunk];
  memset(buf, 'x', sizeof buf);
  double begin = now();
  for (size_t left = bytes; left > 0;) {
    ssize_t n = write(s, buf, left < sizeof buf ? left : sizeof buf);
    if (n <= 0) die("send");
    left -= (size_t)n;
  }
  shutdown(s, SHUT_WR);
  while (read(s, buf, sizeof buf) > 0) {
  }
  printf("%.2f\n", (double)bytes / (now() - begin) / 1e6);
  fflush(stdout);
  kill(cellemu, SIGTERM);
  _exit(0);
}
