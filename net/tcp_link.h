#pragma once

#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include "emulator/core/timer_service.h"
#include "net/link.h"
#include "tls/stream.h"

namespace cellemu::net {

// A TCP connection of the module (optionally TLS, through the stream factory), either opened by
// the module (connect) or accepted by one of its listeners (adopt).
class TcpLink final : public Link {
 public:
  struct Options {
    std::shared_ptr<const tls::StreamFactory> tls;
    std::string server_name;  // SNI / verification name for TLS
    std::optional<core::Duration> connect_timeout;
    std::optional<core::Duration> handshake_timeout;
  };

  static std::shared_ptr<TcpLink> create(boost::asio::io_context& io, LinkContext context,
                                         LinkSpec spec, Options options);
  static std::shared_ptr<TcpLink> adopt(boost::asio::ip::tcp::socket socket, LinkContext context,
                                        LinkSpec spec);

  // Tries each real endpoint in turn; the module reports `virtual_ip` as its peer.
  void connect(std::vector<boost::asio::ip::tcp::endpoint> endpoints, std::string virtual_ip);
  void fail_connect(NetError error) { report_connect_failed(error); }
  // Starts an adopted (accepted) connection once its owner has set the handler.
  void start();

  void close(bool abort = false) override;
  void when_acked(std::function<void(bool)> done) override;
  std::uint64_t bytes_acked() const override;
  std::string failure_detail() const override { return failure_detail_; }

 private:
  TcpLink(boost::asio::io_context& io, LinkContext context, LinkSpec spec, Options options);
  bool transmit(std::string data) override;
  void apply_keepalive(bool on, int idle_s, int interval_s, int count) override;
  void fail(NetError reason) override;
  void try_next();
  void on_connect(const boost::system::error_code& ec);
  void on_handshake(const boost::system::error_code& ec);
  void established();
  void start_reading() override;
  void on_read(const boost::system::error_code& ec, std::size_t n);
  void do_write();
  void on_write(const boost::system::error_code& ec, std::size_t n);
  void poll_acked();
  std::size_t unacked() const;

  Options options_;
  boost::asio::ip::tcp::socket socket_;  // until the stream takes it over
  std::unique_ptr<tls::Stream> stream_;
  std::vector<boost::asio::ip::tcp::endpoint> endpoints_;
  std::size_t next_endpoint_ = 0;
  core::Timer deadline_;
  std::vector<char> read_buf_;
  bool reading_ = false;
  std::deque<std::string> out_;
  std::size_t out_off_ = 0;
  bool writing_ = false;
  // Real time, not the emulated clock: it waits for the host kernel (see when_acked).
  boost::asio::steady_timer ack_timer_;
  std::vector<std::function<void(bool)>> ack_waiters_;
  std::string failure_detail_;
};

}  // namespace cellemu::net
