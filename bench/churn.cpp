// Connection churn: open/close cycles per second against a loopback server.
//
//   churn SECONDS floor                          the kernel alone: connect, accept, close, close
//   churn SECONDS air780ep|nm28 -- PROGRAM ARGS  AT+CIPSTART ... CONNECT OK, AT+CIPCLOSE ...
//                                                CLOSE OK (NM28: AT+IPOPEN / AT+IPCLOSE)
//
// Each cycle waits for the module's answers and accepts the connection on the server side, so a
// cycle is what a host program doing the same would see. Prints cycles per second.
#include "bench/bench_support.h"

namespace cellemu::bench {
namespace {

int run(int argc, char** argv) {
  if (argc < 3) die("usage: churn SECONDS floor|air780ep|nm28 [-- PROGRAM ARGS...]");
  ::signal(SIGPIPE, SIG_IGN);
  const double seconds = std::strtod(argv[1], nullptr);
  const std::string model = argv[2];
  Listener server;
  const std::string port = std::to_string(server.port());
  std::unique_ptr<Child> emu;
  std::unique_ptr<Pty> pty;
  if (model != "floor") {
    if (argc < 5) die("no program after --");
    emu = std::make_unique<Child>(std::vector<std::string>(argv + 4, argv + argc));
    const auto path = emu->read_line();
    if (!path) die("the emulator printed no pty");
    pty = std::make_unique<Pty>(path->substr(0, path->find(' ')));
    pty->drain(100);
    pty->command("ATE0\r", "OK\r\n");
  }
  const std::string open = model == "nm28" ? "AT+IPOPEN=1,\"TCP\",\"127.0.0.1\"," + port + ",0\r"
                                           : "AT+CIPSTART=\"TCP\",\"127.0.0.1\"," + port + "\r";
  const std::string opened = model == "nm28" ? "+IPOPEN: 1,0\r\n" : "CONNECT OK\r\n";
  const std::string close = model == "nm28" ? "AT+IPCLOSE=1\r" : "AT+CIPCLOSE\r";
  const std::string closed = model == "nm28" ? "OK\r\n" : "CLOSE OK\r\n";

  std::size_t cycles = 0;
  const auto start = Clock::now();
  while (seconds_since(start) < seconds) {
    int client = -1;
    if (pty) {
      pty->command(open, opened);
    } else {
      client = connect_loopback(server.port());
    }
    const int conn = server.accept(5000);
    if (conn < 0) die("no connection arrived");
    if (pty) {
      pty->command(close, closed);
    } else {
      ::close(client);
    }
    ::close(conn);
    ++cycles;
  }
  std::printf("%.0f\n", static_cast<double>(cycles) / seconds_since(start));
  return 0;
}

}  // namespace
}  // namespace cellemu::bench

int main(int argc, char** argv) {
  return cellemu::bench::run(argc, argv);
}
