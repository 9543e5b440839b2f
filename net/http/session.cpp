#include "net/http/session.h"

namespace cellemu::net::http {

Session::Session(core::TimerService& timers, Connection& connection, ClientConfig config,
                 SessionLimits limits)
    : client_(timers, connection, std::move(config)), limits_(limits) {}

std::optional<Refusal> Session::init() {
  if (state_ != SessionState::Off) return Refusal::WrongState;
  state_ = SessionState::Ready;
  return std::nullopt;
}

std::optional<Refusal> Session::term() {
  if (state_ == SessionState::Off) return Refusal::WrongState;
  client_.abort();
  post_data_.clear();
  last_.reset();
  showing_post_data_ = false;
  state_ = SessionState::Off;
  return std::nullopt;
}

std::optional<Refusal> Session::set_post_data(std::string data) {
  if (data.size() > limits_.post_data) return Refusal::InvalidArgument;
  if (state_ != SessionState::Ready) return Refusal::WrongState;
  post_data_ = std::move(data);
  showing_post_data_ = true;
  return std::nullopt;
}

std::optional<Refusal> Session::action(Request request, Client::Done done) {
  if (state_ != SessionState::Ready) return Refusal::WrongState;
  if (request.url.empty()) return Refusal::InvalidArgument;
  if (request.method == Method::Post) request.body = post_data_;
  state_ = SessionState::Busy;
  last_.reset();
  showing_post_data_ = false;
  client_.start(std::move(request), [this, done = std::move(done)](const Outcome& outcome) {
    state_ = SessionState::Ready;
    last_ = outcome;
    if (done) done(outcome);
  });
  return std::nullopt;
}

std::string_view Session::held() const {
  if (showing_post_data_) return post_data_;
  return last_ ? std::string_view(last_->response.body) : std::string_view();
}

ReadResult Session::read() const {
  if (state_ != SessionState::Ready) return {Refusal::WrongState};
  return {std::nullopt, held()};
}

ReadResult Session::read(std::size_t start, std::size_t size) const {
  const std::size_t buffer = client_.config().body_keep;
  if (start >= buffer || size == 0 || size > buffer) return {Refusal::InvalidArgument};
  if (state_ != SessionState::Ready) return {Refusal::WrongState};
  const std::string_view all = held();
  if (start >= all.size()) return {std::nullopt, {}};
  return {std::nullopt, all.substr(start, size)};
}

ReadResult Session::head() const {
  if (state_ != SessionState::Ready) return {Refusal::WrongState};
  return {std::nullopt,
          last_ ? std::string_view(last_->response.header_block) : std::string_view()};
}

}  // namespace cellemu::net::http
