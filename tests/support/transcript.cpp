#include "tests/support/transcript.h"

#include <gtest/gtest.h>

#include "tests/support/serial_bytes.h"

namespace cellemu::testing {

Transcript::Transcript(TranscriptOptions options)
    : channel(std::make_shared<core::MemoryChannel>()) {
  session::SessionConfig config;
  EXPECT_TRUE(models::profile_by_name(options.model, config.profile)) << options.model;
  if (options.profile) options.profile(config.profile);
  auto net = std::make_shared<net::NetConfig>();
  net->dns = net::NetConfig::DnsMode::Static;
  if (options.net) options.net(*net);
  config.net = net;
  if (options.session) options.session(config);
  session = session::ModemSession::create(io, timers, channel, config);
  session->start();
  if (!options.keep_power_up_output) channel->take_output();
  if (!options.echo) {
    send("ATE0\r");
    channel->take_output();
  }
}

Transcript::~Transcript() {
  session.reset();
  io.poll();
}

void Transcript::send(std::string_view bytes) {
  channel->host_send(bytes);
  io.poll();
}

std::string Transcript::take() {
  io.poll();
  return channel->take_output();
}

bool Transcript::poll_until(const std::function<bool()>& done, std::chrono::milliseconds deadline) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  io.restart();
  while (!done()) {
    if (std::chrono::steady_clock::now() >= until) return false;
    if (io.run_one_for(std::chrono::milliseconds(10)) == 0) io.restart();
    timers.run_due();
  }
  io.poll();
  return true;
}

void Transcript::expect(std::string_view bytes, std::chrono::milliseconds deadline) {
  poll_until([&] { return channel->output().size() >= bytes.size(); }, deadline);
  const std::string got = channel->take_output();
  EXPECT_TRUE(same_bytes(got, bytes));
}

void Transcript::expect_quiet() {
  io.poll();
  timers.run_due();
  const std::string got = channel->take_output();
  EXPECT_TRUE(same_bytes(got, ""));
}

void Transcript::advance(core::Duration by) {
  io.poll();
  timers.advance(by);
  io.poll();
}

}  // namespace cellemu::testing
