#include "tests/support/fixture_support.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

namespace cellemu::testing {
namespace {

// Binds 127.0.0.1:port (0: any); returns the bound port, or 0 if it is taken.
std::uint16_t try_bind(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
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

std::uint16_t free_port_range(std::size_t n) {
  for (int attempt = 0; attempt < 50; ++attempt) {
    const std::uint16_t base = try_bind(0);
    if (base == 0 || base + n > 65535) continue;
    bool all_free = true;
    for (std::size_t i = 1; i < n && all_free; ++i) {
      all_free = try_bind(static_cast<std::uint16_t>(base + i)) != 0;
    }
    if (all_free) return base;
  }
  return 0;
}

}  // namespace cellemu::testing
