#include "tests/support/fixture_support.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <random>
#include <sstream>

namespace cellemu::testing {
namespace {

// Binds 127.0.0.1:port (0: any); returns the bound port, or 0 if it is taken. SO_REUSEADDR as
// cellemu's listeners set it: ports other tests left in TIME_WAIT count as free.
std::uint16_t try_bind(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  const int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(port);
  std::uint16_t bound = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    bound = ntohs(addr.sin_port);
  }
  ::close(fd);
  return bound;
}

}  // namespace

ModemEndpoints parse_modem_line(const std::string& line) {
  ModemEndpoints out;
  const auto space = line.find(' ');
  out.pty = line.substr(0, space);
  if (space != std::string::npos) {
    const auto colon = line.rfind(':');
    out.tcp_port = static_cast<std::uint16_t>(std::stoul(line.substr(colon + 1)));
  }
  return out;
}

std::string temp_path(std::string_view tag) {
  return "/tmp/cellemu-" + std::string(tag) + "-" + std::to_string(::getpid());
}

std::string read_text_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_text_file(const std::string& path, std::string_view text) {
  std::ofstream(path) << text;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::stringstream s(text);
  for (std::string line; std::getline(s, line);) lines.push_back(line);
  return lines;
}

// Looks below the kernel's ephemeral range (32768+ by default), where the many connections of
// concurrently running tests cannot be handed the ports between a check and their use.
std::uint16_t free_port_range(std::size_t n) {
  std::mt19937 rng(
      static_cast<std::uint32_t>(::getpid()) ^
      static_cast<std::uint32_t>(std::chrono::steady_clock::now().time_since_epoch().count()));
  std::uniform_int_distribution<int> pick(20000, 32000 - static_cast<int>(n));
  for (int attempt = 0; attempt < 200; ++attempt) {
    const auto base = static_cast<std::uint16_t>(pick(rng));
    bool all_free = true;
    for (std::size_t i = 0; i < n && all_free; ++i) {
      all_free = try_bind(static_cast<std::uint16_t>(base + i)) != 0;
    }
    if (all_free) return base;
  }
  return 0;
}

}  // namespace cellemu::testing
