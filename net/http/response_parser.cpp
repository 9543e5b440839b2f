#include "net/http/response_parser.h"

#include <limits>

#include <boost/beast/http/error.hpp>

namespace cellemu::net::http {

namespace beast = boost::beast;

ResponseParser::ResponseParser(std::size_t keep, bool head, std::uint32_t max_header)
    : keep_(keep), max_pending_(max_header + 4096) {
  header_limit(max_header);
  // Only `keep` bytes are stored, the rest is merely counted: no limit. Not boost::none: Beast
  // 1.74 compares a Content-Length with the optional, and anything is greater than none.
  body_limit(std::numeric_limits<std::uint64_t>::max());
  skip(head);
}

void ResponseParser::on_request_impl(beast::http::verb, beast::string_view, beast::string_view, int,
                                     beast::error_code& ec) {
  ec = beast::http::error::bad_version;  // a response parser never sees a request line
}

void ResponseParser::on_field_impl(beast::http::field name, beast::string_view,
                                   beast::string_view value, beast::error_code&) {
  if (name == beast::http::field::location && !location_) location_ = std::string(value);
}

std::size_t ResponseParser::take(beast::string_view body) {
  body_length_ += body.size();
  if (body_.size() < keep_) {
    body_.append(body.data(), std::min(body.size(), keep_ - body_.size()));
  }
  return body.size();
}

// The bytes Beast consumed for the header: status line, fields, empty line.
void ResponseParser::capture_header(std::string_view raw) {
  const auto first = raw.find("\r\n");
  if (first == std::string_view::npos) return;
  raw.remove_prefix(first + 2);
  if (raw.size() >= 2) raw.remove_suffix(2);  // the empty line
  if (raw.size() >= 2 && raw.substr(raw.size() - 2) == "\r\n") raw.remove_suffix(2);
  header_block_ = std::string(raw);
}

ResponseParser::Progress ResponseParser::feed(std::string_view bytes) {
  if (error_) return Progress::Failed;
  pending_.append(bytes);
  while (!pending_.empty() && !is_done()) {
    const bool had_header = is_header_done();
    beast::error_code ec;
    const std::size_t n = put(boost::asio::const_buffer(pending_.data(), pending_.size()), ec);
    if (!had_header) {
      // Beast takes the status line and the fields in separate steps when they arrive apart.
      raw_head_.append(pending_, 0, n);
      if (is_header_done()) {
        capture_header(raw_head_);
        raw_head_ = std::string();
        eager(true);
      }
    }
    pending_.erase(0, n);
    if (ec == beast::http::error::need_more) {
      if (pending_.size() <= max_pending_) break;
      ec = beast::http::error::header_limit;
    }
    if (ec) {
      error_ = ec;
      return Progress::Failed;
    }
    if (n == 0) break;
  }
  return is_done() ? Progress::Done : Progress::NeedMore;
}

ResponseParser::Progress ResponseParser::feed_eof() {
  if (error_) return Progress::Failed;
  if (is_done()) return Progress::Done;
  if (!is_header_done()) return Progress::NeedMore;  // cut off before the header ended
  beast::error_code ec;
  put_eof(ec);  // partial_message when a known length was cut short: the caller's to judge
  return is_done() ? Progress::Done : Progress::NeedMore;
}

}  // namespace cellemu::net::http
