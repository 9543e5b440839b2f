/* The fastest pty<->TCP relay we know how to write: the reference the data-path benchmarks hold
 * cellemu to (socat leaves Nagle on, so each ~4 KiB pty read waits for an ACK; this does not).
 * One thread, level-triggered epoll, plain read/write into one 64 KiB buffer per direction,
 * TCP_NODELAY. A direction whose buffer is full stops reading its source (epoll_ctl only when
 * that changes), so a slow reader backs the writer up instead of growing memory.
 *
 * Takes the part of socat's command line that bench/data_path gives it:
 *   fast_relay PTY,raw,echo=0,link=PATH TCP:HOST:PORT
 * and exits when the TCP peer closes. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

enum { kBuffer = 64 * 1024 };

struct pipe_dir {
  int from, to;
  char buf[kBuffer];
  size_t off, len;
};

static void die(const char* what) {
  perror(what);
  exit(1);
}

static const char* option(const char* spec, const char* key) {
  const char* at = strstr(spec, key);
  return at ? at + strlen(key) : NULL;
}

static int open_pty(const char* spec, int* slave) {
  const char* link = option(spec, "link=");
  if (strncmp(spec, "PTY", 3) != 0 || !link) {
    fprintf(stderr, "fast_relay: expected PTY,...,link=PATH, got %s\n", spec);
    exit(2);
  }
  struct termios raw;
  memset(&raw, 0, sizeof raw);
  cfmakeraw(&raw);
  int master;
  char name[256];
  if (openpty(&master, slave, name, &raw, NULL) != 0) die("openpty");
  unlink(link);
  if (symlink(name, link) != 0) die("symlink");
  return master;
}

static int connect_tcp(const char* spec) {
  if (strncmp(spec, "TCP:", 4) != 0) {
    fprintf(stderr, "fast_relay: plain TCP:HOST:PORT only, got %s\n", spec);
    exit(2);
  }
  char host[256];
  snprintf(host, sizeof host, "%s", spec + 4);
  char* colon = strrchr(host, ':');
  if (!colon) die("TCP:HOST:PORT");
  *colon = '\0';
  struct addrinfo hints = {.ai_family = AF_INET, .ai_socktype = SOCK_STREAM};
  struct addrinfo* ai;
  if (getaddrinfo(host, colon + 1, &hints, &ai) != 0) die("getaddrinfo");
  int fd = socket(ai->ai_family, SOCK_STREAM, 0);
  if (fd < 0 || connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) die("connect");
  freeaddrinfo(ai);
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

/* Reads once from the source into the buffer; -1 when the source ended. */
static int fill(struct pipe_dir* d) {
  if (d->off + d->len == kBuffer && d->off > 0) { /* room at the front only (backpressure) */
    memmove(d->buf, d->buf + d->off, d->len);
    d->off = 0;
  }
  ssize_t n = read(d->from, d->buf + d->off + d->len, kBuffer - d->off - d->len);
  if (n == 0) return -1;
  if (n < 0) return errno == EAGAIN || errno == EINTR ? 0 : -1;
  d->len += (size_t)n;
  return 0;
}

/* Writes what the destination takes now; -1 on a broken destination. */
static int drain(struct pipe_dir* d) {
  ssize_t n = write(d->to, d->buf + d->off, d->len);
  if (n < 0) return errno == EAGAIN || errno == EINTR ? 0 : -1;
  d->off += (size_t)n;
  d->len -= (size_t)n;
  if (d->len == 0) d->off = 0;
  return 0;
}

/* One ready fd: read what arrived and pass it on at once (no second epoll round for the write,
 * so a chunk costs epoll_wait + read + write); write what waited for room. */
static int serve(unsigned events, struct pipe_dir* in, struct pipe_dir* out) {
  if ((events & (EPOLLIN | EPOLLHUP | EPOLLERR)) && in->len < kBuffer) {
    if (fill(in) < 0) return -1;
    if (in->len > 0 && drain(in) < 0) return -1;
  }
  if ((events & EPOLLOUT) && out->len > 0 && drain(out) < 0) return -1;
  return 0;
}

/* What each fd waits for: input while its outgoing buffer has room, output while the other
 * direction has bytes it could not write. */
static void rearm(int ep, int fd, unsigned want, unsigned* armed) {
  if (want == *armed) return;
  struct epoll_event ev = {.events = want, .data.fd = fd};
  epoll_ctl(ep, EPOLL_CTL_MOD, fd, &ev);
  *armed = want;
}

int main(int argc, char** argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: fast_relay PTY,raw,echo=0,link=PATH TCP:HOST:PORT\n");
    return 2;
  }
  signal(SIGPIPE, SIG_IGN);
  int slave; /* kept open: a host closing its end must not hang the master up */
  int pty = open_pty(argv[1], &slave);
  int tcp = connect_tcp(argv[2]);
  fcntl(pty, F_SETFL, fcntl(pty, F_GETFL) | O_NONBLOCK);
  fcntl(tcp, F_SETFL, fcntl(tcp, F_GETFL) | O_NONBLOCK);
  static struct pipe_dir up, down;
  up.from = pty, up.to = tcp;
  down.from = tcp, down.to = pty;
  int ep = epoll_create1(0);
  unsigned pty_armed = EPOLLIN, tcp_armed = EPOLLIN;
  struct epoll_event ev = {.events = EPOLLIN, .data.fd = pty};
  epoll_ctl(ep, EPOLL_CTL_ADD, pty, &ev);
  ev.data.fd = tcp;
  epoll_ctl(ep, EPOLL_CTL_ADD, tcp, &ev);
  for (;;) {
    struct epoll_event got[2];
    int n = epoll_wait(ep, got, 2, -1);
    if (n < 0 && errno != EINTR) die("epoll_wait");
    int ended = 0;
    for (int i = 0; i < n && !ended; ++i) {
      const int fd = got[i].data.fd;
      ended =
          fd == pty ? serve(got[i].events, &up, &down) < 0 : serve(got[i].events, &down, &up) < 0;
    }
    if (ended) break;
    rearm(ep, pty, (up.len < kBuffer ? EPOLLIN : 0) | (down.len ? EPOLLOUT : 0), &pty_armed);
    rearm(ep, tcp, (down.len < kBuffer ? EPOLLIN : 0) | (up.len ? EPOLLOUT : 0), &tcp_armed);
  }
  /* The peer closed: hand what is left of the downlink to the pty before going. */
  fcntl(pty, F_SETFL, fcntl(pty, F_GETFL) & ~O_NONBLOCK);
  while (down.len > 0) {
    ssize_t w = write(pty, down.buf + down.off, down.len);
    if (w <= 0) break;
    down.off += (size_t)w;
    down.len -= (size_t)w;
  }
  close(slave);
  return 0;
}
