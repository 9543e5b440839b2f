#include "emulator/control/ctl_client.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <nlohmann/json.hpp>

namespace cellemu::control {
namespace {

using nlohmann::json;

int connect_to(const std::string& path) {
  sockaddr_un addr{};
  if (path.size() >= sizeof addr.sun_path) {
    std::fprintf(stderr, "ctl: control path too long: %s\n", path.c_str());
    return -1;
  }
  addr.sun_family = AF_UNIX;
  path.copy(addr.sun_path, path.size());
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd >= 0 && ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) return fd;
  std::fprintf(stderr, "ctl: cannot connect to %s: %s (is cellemu running with --control %s?)\n",
               path.c_str(), std::strerror(errno), path.c_str());
  if (fd >= 0) ::close(fd);
  return -1;
}

// One request line out, one reply line back.
std::string exchange(int fd, const std::string& request) {
  if (::write(fd, request.data(), request.size()) != static_cast<ssize_t>(request.size())) {
    return {};
  }
  std::string reply;
  char buf[4096];
  while (reply.find('\n') == std::string::npos) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n <= 0) break;
    reply.append(buf, static_cast<std::size_t>(n));
  }
  return reply;
}

// What a verb answered besides "ok": the status as indented JSON; `sms list` one message per
// line, as --sms-log writes them; any other fields as one JSON object; nothing more: "ok".
void print_reply(const json& reply) {
  constexpr auto kReplace = json::error_handler_t::replace;
  if (reply.contains("status")) {
    std::printf("%s\n", reply["status"].dump(2, ' ', false, kReplace).c_str());
    return;
  }
  if (reply.contains("messages")) {
    for (const auto& m : reply["messages"])
      std::printf("%s\n", m.dump(-1, ' ', false, kReplace).c_str());
    return;
  }
  json rest = reply;
  rest.erase("ok");
  std::printf("%s\n", rest.empty() ? "ok" : rest.dump(-1, ' ', false, kReplace).c_str());
}

}  // namespace

int run_ctl(const std::string& path, int modem, const std::vector<std::string>& words) {
  const int fd = connect_to(path);
  if (fd < 0) return 2;
  // Words that are not UTF-8 travel with U+FFFD in their place rather than failing here.
  const std::string request =
      json{{"args", words}, {"modem", modem}}.dump(-1, ' ', false, json::error_handler_t::replace) +
      "\n";
  const std::string reply = exchange(fd, request);
  ::close(fd);
  const json parsed = json::parse(reply, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    std::fprintf(stderr, "ctl: no reply from %s\n", path.c_str());
    return 2;
  }
  const auto ok = parsed.find("ok");
  if (ok == parsed.end() || *ok != true) {
    const auto error = parsed.find("error");
    std::fprintf(stderr, "ctl: %s\n",
                 error != parsed.end() && error->is_string()
                     ? error->get_ref<const std::string&>().c_str()
                     : "failed");
    return 1;
  }
  print_reply(parsed);
  return 0;
}

}  // namespace cellemu::control
