// A modem for fuzz targets: either model on an in-memory serial line and a manual clock, with
// static DNS and every connect refused, so no real network is touched.
#pragma once

#include <memory>

#include <boost/asio/io_context.hpp>

#include "emulator/core/manual_timer_service.h"
#include "emulator/core/memory_channel.h"
#include "emulator/session/modem_session.h"

namespace cellemu::fuzzing {

struct FuzzModem {
  explicit FuzzModem(bool nm28) {
    session::SessionConfig config;
    models::profile_by_name(nm28 ? "nm28" : "air780ep", config.profile);
    auto net = std::make_shared<net::NetConfig>();
    net->dns = net::NetConfig::DnsMode::Static;
    config.net = net;
    session = session::ModemSession::create(io, timers, channel, config);
    session->sockets().conditions().connect_fault = net::ConnectFault::Refuse;
    session->start();
  }
  // The session goes first; then what it left queued on the io_context runs out.
  ~FuzzModem() {
    session.reset();
    io.restart();
    io.poll();
  }
  FuzzModem(const FuzzModem&) = delete;
  FuzzModem& operator=(const FuzzModem&) = delete;

  core::ManualTimerService timers;
  boost::asio::io_context io;
  std::shared_ptr<core::MemoryChannel> channel = std::make_shared<core::MemoryChannel>();
  std::unique_ptr<session::ModemSession> session;
};

}  // namespace cellemu::fuzzing
