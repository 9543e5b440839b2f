/* The bare pty: how fast bytes cross a raw pseudo-terminal on this machine between two processes
 * with nothing else in the path (64 KiB writes and reads). The ceiling for every pty<->TCP row.
 *   bare_pty up|down BYTES     up: written at the slave (the host's end), read at the master
 *                              down: written at the master, read at the slave
 * Prints MB/s (10^6 bytes per second), timed in the reader from its first byte to its last. */
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

enum { kChunk = 64 * 1024 };

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void write_all(int fd, size_t bytes) {
  static char buf[kChunk];
  memset(buf, 'x', sizeof buf);
  while (bytes > 0) {
    size_t want = bytes < sizeof buf ? bytes : sizeof buf;
    ssize_t n = write(fd, buf, want);
    if (n <= 0) _exit(1);
    bytes -= (size_t)n;
  }
  _exit(0);
}

int main(int argc, char** argv) {
  if (argc != 3 || (strcmp(argv[1], "up") != 0 && strcmp(argv[1], "down") != 0)) {
    fprintf(stderr, "usage: bare_pty up|down BYTES\n");
    return 2;
  }
  const int up = strcmp(argv[1], "up") == 0;
  size_t bytes = strtoull(argv[2], NULL, 10);
  struct termios raw;
  memset(&raw, 0, sizeof raw);
  cfmakeraw(&raw);
  int master, slave;
  if (openpty(&master, &slave, NULL, &raw, NULL) != 0) return 1;
  int from = up ? master : slave, to = up ? slave : master;
  pid_t writer = fork();
  if (writer < 0) return 1;
  if (writer == 0) {
    close(from);
    write_all(to, bytes);
  }
  static char buf[kChunk];
  double start = 0;
  size_t got = 0;
  while (got < bytes) {
    ssize_t n = read(from, buf, sizeof buf);
    if (n <= 0) break;
    if (got == 0) start = now();
    got += (size_t)n;
  }
  double secs = now() - start;
  kill(writer, SIGKILL);
  waitpid(writer, NULL, 0);
  if (got < bytes) {
    fprintf(stderr, "bare_pty: read %zu of %zu bytes\n", got, bytes);
    return 1;
  }
  printf("%.2f\n", (double)bytes / secs / 1e6);
  return 0;
}
