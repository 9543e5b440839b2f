/* The physical floor for an AT round trip on this machine: a pty whose master answers every
 * '\r' with "\r\nOK\r\n" using nothing but epoll, read and write. Prints the slave path. */
#include <pty.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <termios.h>
#include <unistd.h>

int main(void) {
  struct termios raw;
  memset(&raw, 0, sizeof raw);
  cfmakeraw(&raw);
  int master, slave;
  char name[256];
  if (openpty(&master, &slave, name, &raw, NULL) != 0) return 1;
  printf("%s\n", name);
  fflush(stdout);
  int ep = epoll_create1(0);
  struct epoll_event ev = {.events = EPOLLIN, .data.fd = master};
  epoll_ctl(ep, EPOLL_CTL_ADD, master, &ev);
  static const char ok[] = "\r\nOK\r\n";
  char buf[4096];
  for (;;) {
    struct epoll_event got;
    if (epoll_wait(ep, &got, 1, -1) <= 0) continue;
    ssize_t n = read(master, buf, sizeof buf);
    if (n <= 0) continue;
    for (ssize_t i = 0; i < n; ++i) {
      if (buf[i] == '\r' && write(master, ok, sizeof ok - 1) < 0) return 1;
    }
  }
}
