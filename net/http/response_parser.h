#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/beast/http/basic_parser.hpp>

namespace cellemu::net::http {

// Parses one HTTP/1.x response with Beast's parser as it streams in: status, the header block
// exactly as the server sent it (for AT+HTTPHEAD), and the body, de-chunked, of which only the
// first `keep` bytes are stored (the module's 4 KB buffer, OQ-A21) while all of it is counted.
// Holds at most one incomplete header or chunk line besides the kept body.
class ResponseParser final : public boost::beast::http::basic_parser<false> {
 public:
  enum class Progress { NeedMore, Done, Failed };

  // `head`: the response to a HEAD request (no body whatever the header says).
  ResponseParser(std::size_t keep, bool head, std::uint32_t max_header = 8192);

  Progress feed(std::string_view bytes);
  // The connection ended: completes a body that runs to the end of the stream. NeedMore: the
  // response was cut short (before or after its header).
  Progress feed_eof();

  bool got_header() const { return is_header_done(); }
  bool failed() const { return static_cast<bool>(error_); }
  boost::system::error_code error() const { return error_; }
  int status() const { return status_; }
  // The header fields as received (case and spacing kept), CR LF-joined, without the status line
  // and without a final CR LF (app-protocols.md §4.4.6, OQ-A26).
  const std::string& header_block() const { return header_block_; }
  const std::optional<std::string>& location() const { return location_; }
  const std::string& body() const { return body_; }
  std::uint64_t body_length() const { return body_length_; }
  // More body arrived than is kept.
  bool overflowed() const { return body_length_ > keep_; }
  std::size_t buffered() const { return pending_.size(); }

 private:
  void on_request_impl(boost::beast::http::verb, boost::beast::string_view,
                       boost::beast::string_view, int, boost::beast::error_code& ec) override;
  void on_response_impl(int code, boost::beast::string_view, int,
                        boost::beast::error_code&) override {
    status_ = code;
  }
  void on_field_impl(boost::beast::http::field name, boost::beast::string_view,
                     boost::beast::string_view value, boost::beast::error_code&) override;
  void on_header_impl(boost::beast::error_code&) override {}
  void on_body_init_impl(const boost::optional<std::uint64_t>&,
                         boost::beast::error_code&) override {}
  std::size_t on_body_impl(boost::beast::string_view body, boost::beast::error_code&) override {
    return take(body);
  }
  void on_chunk_header_impl(std::uint64_t, boost::beast::string_view,
                            boost::beast::error_code&) override {}
  std::size_t on_chunk_body_impl(std::uint64_t, boost::beast::string_view body,
                                 boost::beast::error_code&) override {
    return take(body);
  }
  void on_finish_impl(boost::beast::error_code&) override {}

  std::size_t take(boost::beast::string_view body);
  void capture_header(std::string_view raw);

  std::size_t keep_;
  std::size_t max_pending_;
  std::string pending_;
  std::string raw_head_;  // the header bytes Beast consumed so far (bounded by its header limit)
  int status_ = 0;
  std::string header_block_;
  std::optional<std::string> location_;
  std::string body_;
  std::uint64_t body_length_ = 0;
  boost::system::error_code error_;
};

}  // namespace cellemu::net::http
