#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cellemu::testing {

// One stdout line of cellemu: "/dev/pts/3" or "/dev/pts/3 tcp://127.0.0.1:7000".
struct ModemEndpoints {
  std::string pty;
  std::uint16_t tcp_port = 0;
};
ModemEndpoints parse_modem_line(const std::string& line);

// A path under /tmp unique to this test process: "/tmp/cellemu-<tag>-<pid>".
std::string temp_path(std::string_view tag);
std::string read_text_file(const std::string& path);
void write_text_file(const std::string& path, std::string_view text);
std::vector<std::string> split_lines(const std::string& text);

// A loopback port p such that p .. p+n-1 were all free a moment ago.
std::uint16_t free_port_range(std::size_t n);

}  // namespace cellemu::testing
