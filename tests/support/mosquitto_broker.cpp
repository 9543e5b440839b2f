#include "tests/support/mosquitto_broker.h"

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "tests/support/fixture_support.h"

namespace cellemu::testing {

namespace {

bool port_open(std::uint16_t port) {
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket s(io);
  boost::system::error_code ec;
  s.connect({boost::asio::ip::make_address("127.0.0.1"), port}, ec);
  return !ec;
}

std::string config_text(const std::string& dir, std::uint16_t port, bool tls) {
  std::string c = "per_listener_settings true\npersistence false\nuser root\n";
  c += "log_dest stderr\nlog_type all\nconnection_messages true\n";
  c += "listener " + std::to_string(port) + " 127.0.0.1\nallow_anonymous true\n";
  if (tls) {
    c += "listener " + std::to_string(port + 1) + " 127.0.0.1\nallow_anonymous true\n";
    c += "certfile " + dir + "/server.crt\nkeyfile " + dir + "/server.key\n";
  }
  c += "listener " + std::to_string(port + 2) + " 127.0.0.1\nallow_anonymous false\n";
  c += "password_file " + dir + "/passwd\n";
  return c;
}

std::string hex_decode(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  }
  return out;
}

}  // namespace

MosquittoBroker::MosquittoBroker(const KeyPair* tls_identity) {
  static int brokers = 0;
  dir_ = temp_path("mosquitto-" + std::to_string(++brokers));
  ::mkdir(dir_.c_str(), 0755);
  if (tls_identity) {
    write_text_file(dir_ + "/server.crt", tls_identity->cert_pem);
    write_text_file(dir_ + "/server.key", tls_identity->key_pem);
    ::chmod((dir_ + "/server.key").c_str(), 0644);
  }
  write_text_file(dir_ + "/passwd", std::string(kUser) + ":" + kPassword + "\n");
  const auto hashed = run_program({"mosquitto_passwd", "-U", dir_ + "/passwd"});
  EXPECT_EQ(hashed.exit_code, 0) << hashed.output;
  port_ = free_port_range(3);
  write_text_file(dir_ + "/mosquitto.conf", config_text(dir_, port_, tls_identity != nullptr));
  process_ = std::make_unique<Subprocess>(
      std::vector<std::string>{"mosquitto", "-c", dir_ + "/mosquitto.conf"});
  const auto until = std::chrono::steady_clock::now() + 10s;
  while (std::chrono::steady_clock::now() < until && process_->running()) {
    if (port_open(port_) && port_open(password_port()) &&
        (!tls_identity || port_open(tls_port()))) {
      started_ = true;
      break;
    }
    ::usleep(10'000);
  }
  if (!started_) ADD_FAILURE() << "mosquitto did not start:\n" << logs();
}

MosquittoBroker::~MosquittoBroker() {
  thaw();
  if (::testing::Test::HasFailure())
    std::fprintf(stderr, "--- mosquitto log ---\n%s", logs().c_str());
  process_.reset();
  for (const char* f : {"/server.crt", "/server.key", "/passwd", "/mosquitto.conf"}) {
    ::unlink((dir_ + f).c_str());
  }
  ::rmdir(dir_.c_str());
}

void MosquittoBroker::freeze() {
  process_->signal(SIGSTOP);
}

void MosquittoBroker::thaw() {
  if (process_) process_->signal(SIGCONT);
}

std::string MosquittoBroker::logs() const {
  return process_ ? process_->errors() : std::string();
}

std::unique_ptr<Subprocess> MosquittoBroker::subscribe(const std::string& topic, int qos,
                                                       std::vector<std::string> extra) {
  // stdbuf: mosquitto_sub's stdout is a pipe here, and its debug lines (the SUBACK this waits
  // for) would otherwise sit in stdio's buffer until the first message.
  std::vector<std::string> argv = {"stdbuf",    "-oL",        "mosquitto_sub",       "-h",
                                   "127.0.0.1", "-p",         std::to_string(port_), "-t",
                                   topic,       "-q",         std::to_string(qos),   "-d",
                                   "-F",        "%t|%q|%r|%x"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  auto sub = std::make_unique<Subprocess>(std::move(argv));
  EXPECT_TRUE(sub->wait_output("received SUBACK")) << sub->output() << sub->errors();
  return sub;
}

bool MosquittoBroker::publish(const std::string& topic, const std::string& payload, int qos,
                              bool retain, std::vector<std::string> extra) {
  const std::string file = temp_path("mqtt-payload");
  write_text_file(file, payload);
  std::vector<std::string> argv = {"mosquitto_pub",       "-h", "127.0.0.1", "-p",
                                   std::to_string(port_), "-t", topic,       "-q",
                                   std::to_string(qos),   "-f", file};
  if (retain) argv.push_back("-r");
  argv.insert(argv.end(), extra.begin(), extra.end());
  const auto r = run_program(std::move(argv));
  ::unlink(file.c_str());
  EXPECT_EQ(r.exit_code, 0) << r.output;
  return r.exit_code == 0;
}

std::vector<ReceivedMessage> received_messages(Subprocess& subscriber) {
  std::vector<ReceivedMessage> out;
  for (const auto& line : subscriber.lines()) {
    if (line.rfind("Client ", 0) == 0 || line.rfind("Subscribed", 0) == 0) continue;
    const auto a = line.find('|');
    const auto b = line.find('|', a + 1);
    const auto c = line.find('|', b + 1);
    if (a == std::string::npos || b == std::string::npos || c == std::string::npos) continue;
    out.push_back({line.substr(0, a), std::stoi(line.substr(a + 1, b - a - 1)),
                   line.substr(b + 1, c - b - 1) == "1", hex_decode(line.substr(c + 1))});
  }
  return out;
}

bool wait_messages(Subprocess& subscriber, std::size_t n, std::chrono::milliseconds deadline) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  while (received_messages(subscriber).size() < n) {
    if (std::chrono::steady_clock::now() >= until) return false;
    subscriber.wait_output("\n~never~", 10ms);
  }
  return true;
}

}  // namespace cellemu::testing
