// LD_PRELOAD shim for host tools that drive modem lines (gsmlib's gsmctl and gsmsendsms toggle
// DTR and read DCD at open). A kernel pty rejects TIOCMGET/TIOCMSET/TIOCMBIS/TIOCMBIC with ENOTTY
// (design.md, "facts measured"), so the tool gives up before its first AT command. When the real
// ioctl refuses one of those four, this answers as a serial port would: setting lines succeeds
// and reading them shows DSR, CTS and DCD up (plus DTR and RTS, which the host itself drives).
// Usage: LD_PRELOAD=.../libcellemu_modem_lines.so gsmctl -d /dev/pts/N ME
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <sys/ioctl.h>

int ioctl(int fd, unsigned long request, ...) {
  static int (*real_ioctl)(int, unsigned long, ...);
  if (!real_ioctl) real_ioctl = (int (*)(int, unsigned long, ...))dlsym(RTLD_NEXT, "ioctl");
  va_list ap;
  va_start(ap, request);
  void* arg = va_arg(ap, void*);
  va_end(ap);
  const int rc = real_ioctl(fd, request, arg);
  const int modem_line =
      request == TIOCMGET || request == TIOCMSET || request == TIOCMBIS || request == TIOCMBIC;
  if (rc == 0 || !modem_line || (errno != ENOTTY && errno != EINVAL)) return rc;
  if (request == TIOCMGET && arg)
    *(int*)arg = TIOCM_DSR | TIOCM_CTS | TIOCM_CAR | TIOCM_DTR | TIOCM_RTS;
  errno = 0;
  return 0;
}
