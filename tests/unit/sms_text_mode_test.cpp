// +CSCS conversions and the text-mode views and bodies of spec services §2.14 (S- cases).
#include <gtest/gtest.h>

#include "emulator/sms/message_text.h"
#include "emulator/sms/reassembler.h"
#include "emulator/sms/text_mode.h"
#include "emulator/sms/unicode_text.h"
#include "tests/unit/sms_examples.h"

namespace cellemu::sms {
namespace {

using namespace examples;

const Address kSmsc = Address::from_number("+8613800210500").value();
const Address kPeer = Address::from_number("+8613912345678").value();

TEST(SmsCharset, Names) {  // S-003
  EXPECT_EQ(parse_charset("GSM"), Charset::Gsm);
  EXPECT_EQ(parse_charset("ira"), Charset::Ira);
  EXPECT_EQ(parse_charset("Ucs2"), Charset::Ucs2);
  EXPECT_FALSE(parse_charset("HEX"));
  EXPECT_FALSE(parse_charset("8859-1"));
  EXPECT_EQ(charset_name(Charset::Ucs2), "UCS2");
}

TEST(SmsCharset, AddressesInTheTeSet) {  // S-008, S-016
  EXPECT_EQ(address_to_te(Address::from_number("+8613010314500").value(), Charset::Ucs2),
            "002B0038003600310033003000310030003300310034003500300030");
  EXPECT_EQ(address_to_te(kPeer, Charset::Gsm), "+8613912345678");
  EXPECT_EQ(address_from_te("002B0031", Charset::Ucs2), Address::from_number("+1"));
  EXPECT_EQ(address_from_te("13800138000", Charset::Ira)->type, Address::kUnknown);
  EXPECT_EQ(address_from_te("+86", Charset::Gsm, 129)->type, 129);
  EXPECT_FALSE(address_from_te("+86-1", Charset::Gsm));
  EXPECT_FALSE(address_from_te("", Charset::Gsm));
  EXPECT_FALSE(address_from_te("002B003", Charset::Ucs2));
}

TEST(SmsCharset, OutputOfCharactersIraLacks) {
  EXPECT_EQ(text_to_te(U"£5 à €", Charset::Gsm), "?5 ? ?");
  EXPECT_EQ(text_to_te(U"Hello", Charset::Ucs2), "00480065006C006C006F");
}

TEST(SmsTextBody, SevenBit) {  // S-032: "hello,world"
  const auto s = submit_from_text(kPeer, "hello,world", Charset::Gsm, TextModeParams{});
  ASSERT_TRUE(s);
  EXPECT_EQ(to_hex(encode(*s).value()), "11000D91683119325476F80000A70BE8329BFD66DDDF723619");
  EXPECT_EQ(payload_from_text_body("a[b]", Alphabet::Gsm7, Charset::Ira)->size(), 6u);
  EXPECT_FALSE(payload_from_text_body("back`tick", Alphabet::Gsm7, Charset::Ira));
  EXPECT_FALSE(payload_from_text_body("caf\xC3\xA9", Alphabet::Gsm7, Charset::Ira));
  EXPECT_TRUE(payload_from_text_body(std::string(160, 'a'), Alphabet::Gsm7, Charset::Gsm));
  EXPECT_FALSE(payload_from_text_body(std::string(161, 'a'), Alphabet::Gsm7, Charset::Gsm));
  EXPECT_FALSE(payload_from_text_body(std::string(81, '['), Alphabet::Gsm7, Charset::Gsm));
  // CR and LF are text (OQ-S34).
  EXPECT_EQ(payload_from_text_body("a\r\nb", Alphabet::Gsm7, Charset::Gsm)->size(), 4u);
}

TEST(SmsTextBody, SevenBitUnderUcs2) {
  EXPECT_EQ(payload_from_text_body("00480069", Alphabet::Gsm7, Charset::Ucs2), (Octets{'H', 'i'}));
  EXPECT_FALSE(payload_from_text_body("4F60", Alphabet::Gsm7, Charset::Ucs2));
  EXPECT_FALSE(payload_from_text_body("004", Alphabet::Gsm7, Charset::Ucs2));
}

TEST(SmsTextBody, Ucs2AndEightBitBodiesAreHex) {  // S-033, S-044 sendSMS_UTF16
  TextModeParams p;
  p.dcs = 8;
  for (const Charset cs : {Charset::Ira, Charset::Gsm, Charset::Ucs2}) {
    const auto s = submit_from_text(kPeer, "611F8C22", cs, p);
    ASSERT_TRUE(s);
    EXPECT_EQ(to_hex(encode(*s).value()), "11000D91683119325476F80008A704611F8C22");
  }
  EXPECT_FALSE(submit_from_text(kPeer, "611F8C2", Charset::Ira, p));
  EXPECT_FALSE(submit_from_text(kPeer, "611F8C", Charset::Ira, p));
  EXPECT_FALSE(submit_from_text(kPeer, std::string(284, '0'), Charset::Ira, p));
  p.dcs = 4;
  EXPECT_EQ(payload_from_text_body("00FF", Alphabet::Data8, Charset::Gsm), (Octets{0x00, 0xFF}));
  EXPECT_FALSE(submit_from_text(kPeer, "0G", Charset::Gsm, p));
}

TEST(SmsTextBody, CsmpFirstOctetAndValidity) {  // S-039: fo 49 asks for a report
  TextModeParams p;
  p.fo = 49;
  const auto s = submit_from_text(kPeer, "Hello", Charset::Gsm, p);
  ASSERT_TRUE(s);
  EXPECT_TRUE(s->status_report_request);
  EXPECT_EQ(to_hex(encode(*s).value()), "31000D91683119325476F80000A705C8329BFD06");
  p.fo = 1;  // no validity period
  EXPECT_EQ(encode(submit_from_text(kPeer, "x", Charset::Gsm, p).value())->size(), 15u);
  p.fo = 25;  // absolute, but no time given
  EXPECT_FALSE(submit_from_text(kPeer, "x", Charset::Gsm, p));
  p.vp_absolute = Timestamp{24, 7, 24, 0, 0, 0, 32};
  EXPECT_TRUE(submit_from_text(kPeer, "x", Charset::Gsm, p));
}

TEST(SmsTextView, DeliverFields) {  // S-014, S-015, S-016, S-025
  const auto v = text_view(pdu(kD1), Charset::Gsm, kSmsc);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->type, MessageType::Deliver);
  EXPECT_EQ(v->address, "+8613912345678");
  EXPECT_EQ(v->address_type, 145);
  EXPECT_EQ(v->scts, "24/07/23,16:35:01+32");
  EXPECT_EQ(v->fo, 4);
  EXPECT_EQ(v->pid, 0);
  EXPECT_EQ(v->dcs, 0);
  EXPECT_EQ(v->sca, "+8613800210500");
  EXPECT_EQ(v->sca_type, 145);
  EXPECT_EQ(v->length, 5u);
  EXPECT_EQ(v->data, "Hello");
  EXPECT_EQ(text_view(pdu(kD2), Charset::Gsm, kSmsc)->data, "4F60597D");
  const auto u = text_view(pdu(kD1), Charset::Ucs2, kSmsc);
  EXPECT_EQ(u->address, "002B0038003600310033003900310032003300340035003600370038");
  EXPECT_EQ(u->data, "00480065006C006C006F");
}

TEST(SmsTextView, SegmentsShowTheirHeaderInHex) {  // 27.005: UDHI set -> TP-UD as hex
  const auto v = text_view(pdu(kC1), Charset::Gsm, kSmsc);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->data, "0500032A0201A061391DF476975920");
  EXPECT_EQ(v->length, 15u);
}

TEST(SmsTextView, SubmitAndStatusReport) {  // S-036, S-039
  const auto s = text_view(pdu(kM1), Charset::Gsm, kSmsc);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->type, MessageType::Submit);
  EXPECT_EQ(s->address, "+8613912345678");
  EXPECT_EQ(s->scts, "");
  EXPECT_EQ(s->vp, "167");
  EXPECT_EQ(s->sca, "+8613800210500");  // SCA "00": the +CSCA stands in
  EXPECT_EQ(s->data, "Hello");
  const auto r = text_view(pdu(kR1), Charset::Gsm, kSmsc);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->type, MessageType::StatusReport);
  EXPECT_EQ(r->fo, 6);
  EXPECT_EQ(r->mr, 1);
  EXPECT_EQ(r->address, "+8613912345678");
  EXPECT_EQ(r->address_type, 145);
  EXPECT_EQ(r->scts, "24/07/23,16:35:05+32");
  EXPECT_EQ(r->discharge, "24/07/23,16:35:07+32");
  EXPECT_EQ(r->status, 0);
  EXPECT_FALSE(text_view(Pdu{std::nullopt, {0x03}}, Charset::Gsm, kSmsc));
}

TEST(SmsConcatenation, ShortTextIsOneMessage) {
  const auto parts = split_text(U"Hello", 7);
  ASSERT_TRUE(parts);
  EXPECT_EQ(parts->alphabet, Alphabet::Gsm7);
  ASSERT_EQ(parts->parts.size(), 1u);
  EXPECT_FALSE(parts->parts[0].has_header);
  EXPECT_EQ(split_text(std::u32string(160, U'a'), 7)->parts.size(), 1u);
  EXPECT_EQ(split_text(std::u32string(70, U'你'), 7)->parts.size(), 1u);
  EXPECT_EQ(split_text(U"", 7)->parts.size(), 1u);
}

TEST(SmsConcatenation, LongTextSplitsAndReassembles) {
  std::u32string text;
  for (int i = 0; i < 400; ++i) text += static_cast<char32_t>(U'a' + i % 26);
  text[152] = U'€';  // an escape pair across the first cut moves the cut back
  const auto parts = split_text(text, 0x2A);
  ASSERT_TRUE(parts);
  ASSERT_EQ(parts->parts.size(), 3u);
  EXPECT_EQ(parts->parts[0].payload.size(), 152u);
  Reassembler<std::u32string> r(4);
  std::optional<std::vector<std::u32string>> done;
  for (const std::size_t i : {2u, 0u, 1u}) {
    const auto& ud = parts->parts[i];
    const auto c = ud.concatenation().value();
    EXPECT_EQ(c.total, 3);
    EXPECT_EQ(c.reference, 0x2A);
    EXPECT_LE(encode_user_data(ud, DataCoding{})->length, 160);
    done = r.add("+1", c, text_of(ud, DataCoding{}).value());
  }
  ASSERT_TRUE(done);
  std::u32string joined;
  for (const auto& p : *done) joined += p;
  EXPECT_EQ(joined, text);
  EXPECT_EQ(r.in_progress(), 0u);
}

TEST(SmsConcatenation, Ucs2KeepsSurrogatePairsWhole) {
  std::u32string text(66, U'你');
  text += U"😀";  // units 67-68 straddle the first cut
  text += std::u32string(10, U'好');
  const auto parts = split_text(text, 1);
  ASSERT_TRUE(parts);
  EXPECT_EQ(parts->alphabet, Alphabet::Ucs2);
  ASSERT_EQ(parts->parts.size(), 2u);
  EXPECT_EQ(parts->parts[0].payload.size(), 132u);
  EXPECT_EQ(ucs2_to_u32(parts->parts[1].payload).substr(0, 1), U"😀");
  EXPECT_EQ(split_text(U"abc", 1, true)->alphabet, Alphabet::Ucs2);
  EXPECT_FALSE(split_text(std::u32string(256 * 153, U'a'), 1));
}

TEST(SmsConcatenation, ReassemblerIsBounded) {
  Reassembler<int> r(2);
  EXPECT_FALSE(r.add("a", {1, 2, 1, false}, 10));
  EXPECT_FALSE(r.add("b", {1, 2, 1, false}, 20));
  EXPECT_FALSE(r.add("c", {1, 2, 1, false}, 30));  // gives up on "a"
  EXPECT_EQ(r.in_progress(), 2u);
  EXPECT_EQ(r.take_abandoned(), (std::vector<std::vector<int>>{{10}}));
  EXPECT_EQ(r.add("c", {1, 2, 2, false}, 31), (std::vector<int>{30, 31}));
  EXPECT_FALSE(r.add("b", {1, 2, 1, false}, 21));  // a repeated part replaces the first copy
  EXPECT_EQ(r.add("b", {1, 2, 2, false}, 22), (std::vector<int>{21, 22}));
}

}  // namespace
}  // namespace cellemu::sms
