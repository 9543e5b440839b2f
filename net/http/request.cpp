#include "net/http/request.h"

#include <boost/beast/http/verb.hpp>

namespace cellemu::net::http {
namespace {

boost::beast::http::verb verb_of(Method m) {
  switch (m) {
    case Method::Post:
      return boost::beast::http::verb::post;
    case Method::Head:
      return boost::beast::http::verb::head;
    case Method::Get:
      break;
  }
  return boost::beast::http::verb::get;
}

// A header line must not smuggle in a line end: each piece between CR/LF is a line of its own,
// empty pieces are dropped (an empty line would end the header early).
void append_lines(std::string& out, const std::string& text) {
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find_first_of("\r\n", start), text.size());
    if (end > start) {
      out.append(text, start, end - start);
      out += "\r\n";
    }
    start = end + 1;
  }
}

}  // namespace

std::optional<Range> Range::from_break(std::uint64_t brk, std::uint64_t brk_end) {
  if (brk == 0 && brk_end == 0) return std::nullopt;
  if (brk_end < brk) return Range{brk, std::nullopt};
  return Range{brk, brk_end};
}

std::string serialize(const Request& r, Method method, const Url& url, bool via_proxy) {
  std::string out(boost::beast::http::to_string(verb_of(method)));
  out += ' ';
  out += via_proxy ? url.absolute() : url.target;
  out += " HTTP/1.1\r\nHost: " + url.authority() + "\r\n";
  if (!r.user_agent.empty()) out += "User-Agent: " + r.user_agent + "\r\n";
  out += "Accept: */*\r\n";
  if (method == Method::Get && r.range) {
    out += "Range: bytes=" + std::to_string(r.range->first) + "-";
    if (r.range->last) out += std::to_string(*r.range->last);
    out += "\r\n";
  }
  const bool post = method == Method::Post;
  if (post && !r.content_type.empty()) out += "Content-Type: " + r.content_type + "\r\n";
  for (const auto& line : r.header_lines) append_lines(out, line);
  if (post) out += "Content-Length: " + std::to_string(r.body.size()) + "\r\n";
  out += "\r\n";
  if (post) out += r.body;
  return out;
}

}  // namespace cellemu::net::http
