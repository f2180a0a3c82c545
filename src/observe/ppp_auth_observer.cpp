// PppLinkObserver, authentication phase: PAP (RFC 1334), CHAP and MS-CHAP (RFC 1994, 2433,
// 2759) and EAP (RFC 3748). Records method, user, outcome and, with --ppp-password, whether
// the responses are the ones the password gives.
#include <fmt/format.h>

#include "dissectors/ppp/eap.h"
#include "dissectors/ppp/mschap_messages.h"
#include "dissectors/ppp/pap.h"
#include "src/observe/observe_diagnostics.h"
#include "src/observe/ppp_auth_check.h"
#include "src/observe/ppp_link_observer.h"

namespace ts::observe {

namespace {

std::optional<std::string> password_for(const ObserveContext& ctx, std::string_view user) {
  for (const auto& [u, p] : ctx.options().ppp_credentials)
    if (u == user) return p;
  // A single credential with an empty user name matches any user.
  for (const auto& [u, p] : ctx.options().ppp_credentials)
    if (u.empty()) return p;
  return std::nullopt;
}

void record_check(ObserveContext& ctx, Connection& conn, const FrameInfo& f, const std::string& entity, PppLink& link,
                  std::optional<bool> ok, std::string_view what) {
  if (!ok) return;
  if (*ok) {
    link.auth_check = std::string(what) + " verified";
    ctx.diag(&conn, f, entity, diag::kPppAuthResponseVerified, std::string(what));
  } else {
    link.auth_check = std::string(what) + " MISMATCH";
    ctx.diag(&conn, f, entity, diag::kPppAuthResponseMismatch, std::string(what));
  }
}

}  // namespace

void PppLinkObserver::on_chap(ObserveContext& ctx, Connection& conn, Call& call, const std::string& entity, int from,
                              const FrameInfo& f, ByteView info) {
  auto d = ppp::decode_chap(info, chap_.algorithm);
  ctx.diags(&conn, f, entity, d.diags);
  const ppp::ChapPacket& p = d.value;
  const std::string summary = ppp::chap_summary(p);
  ctx.event(conn, f, entity, undirected_ ? -1 : from, EventKind::message, summary);
  if (f.packet) {
    ppp::describe(p, f.packet->layers.add_object("chap"));
    f.packet->summary += " " + summary;
  }
  if (!d.complete) {
    ctx.truncated(&conn, f, entity, "chap", d.truncated_field);
    return;
  }
  PppLink& link = call.ppp;
  if (link.auth_method.empty()) link.auth_method = "CHAP";
  if (link.phase != "network") link.phase = "authenticate";
  switch (p.code) {
    case ppp::chap_code::kChallenge:
      if (!undirected_) link.authenticator = from;
      chap_.challenge.assign(p.value.begin(), p.value.end());
      chap_.challenge_id = p.identifier;
      if (chap_.by_id.size() >= 16) chap_.by_id.clear();  // bounded
      chap_.by_id[p.identifier] = chap_.challenge;
      break;
    case ppp::chap_code::kResponse: {
      if (auto it = chap_.by_id.find(p.identifier); it != chap_.by_id.end()) chap_.challenge = it->second;
      chap_.user = std::string(as_chars(p.name));
      link.user = chap_.user;
      chap_.password = password_for(ctx, chap_.user);
      if (p.mschap_v2) {
        chap_.peer_challenge.assign(p.mschap_v2->peer_challenge.begin(), p.mschap_v2->peer_challenge.end());
        chap_.nt_response.assign(p.mschap_v2->nt_response.begin(), p.mschap_v2->nt_response.end());
      }
      if (!chap_.password) break;
      if (p.mschap_v2)
        record_check(ctx, conn, f, entity, link,
                     verify_mschap_v2_response(chap_.challenge, chap_.peer_challenge, chap_.user, *chap_.password,
                                               chap_.nt_response),
                     "MS-CHAPv2 NT-Response");
      else if (p.mschap_v1)
        record_check(ctx, conn, f, entity, link,
                     verify_mschap_v1_response(chap_.challenge, *chap_.password, p.mschap_v1->nt_response),
                     "MS-CHAPv1 NT-Response");
      else
        record_check(ctx, conn, f, entity, link, verify_chap_md5(p.identifier, *chap_.password, chap_.challenge, p.value),
                     "CHAP-MD5 response");
      break;
    }
    case ppp::chap_code::kSuccess:
      link.auth_outcome = "success";
      link.phase = "network";
      if (p.success) {
        link.auth_detail = ppp::format_mschap_v2_success(*p.success);
        // Only when the password verified the peer's NT-Response: with a wrong password every
        // S= would "mismatch" and blame the authenticator for the user's mistake.
        if (chap_.password && !chap_.nt_response.empty() && link.auth_check.find("verified") != std::string::npos) {
          auto ok = verify_mschap_v2_authenticator(chap_.challenge, chap_.peer_challenge, chap_.user, *chap_.password,
                                                   chap_.nt_response, p.success->authenticator_response);
          if (ok && !*ok)
            ctx.diag(&conn, f, entity, diag::kPppAuthenticatorResponseMismatch, p.success->authenticator_response);
          if (ok && *ok) link.auth_check += ", authenticator response verified";
        }
      } else if (!p.message.empty()) {
        link.auth_detail = printable(p.message, 120);
      }
      break;
    case ppp::chap_code::kFailure:
      link.auth_outcome = "failure";
      link.auth_detail = p.failure ? ppp::format_mschap_failure(*p.failure) : printable(p.message, 120);
      // RFC 2759 §6 / RFC 2433 §6: C= is the authenticator challenge for the retry.
      if (p.failure && !p.failure->challenge.empty()) chap_.challenge = p.failure->challenge;
      break;
    default: break;
  }
}

void PppLinkObserver::on_pap(ObserveContext& ctx, Connection& conn, Call& call, const std::string& entity, int from,
                             const FrameInfo& f, ByteView info) {
  auto d = ppp::decode_pap(info);
  ctx.diags(&conn, f, entity, d.diags);
  const ppp::PapPacket& p = d.value;
  const std::string summary = ppp::summarize(p);
  ctx.event(conn, f, entity, undirected_ ? -1 : from, EventKind::message, summary);
  if (f.packet) {
    ppp::describe(p, f.packet->layers.add_object("pap"));
    f.packet->summary += " " + summary;
  }
  if (!d.complete) {
    ctx.truncated(&conn, f, entity, "pap", d.truncated_field);
    return;
  }
  PppLink& link = call.ppp;
  link.auth_method = "PAP";
  if (link.phase != "network") link.phase = "authenticate";
  switch (p.code) {
    case ppp::pap_code::kAuthenticateRequest: {
      if (!undirected_) link.authenticator = 1 - from;
      link.user = std::string(as_chars(p.peer_id));
      if (auto pw = password_for(ctx, link.user))
        record_check(ctx, conn, f, entity, link, *pw == as_chars(p.password), "PAP password");
      break;
    }
    case ppp::pap_code::kAuthenticateAck:
      link.auth_outcome = "success";
      link.phase = "network";
      link.auth_detail = printable(p.message, 120);
      break;
    case ppp::pap_code::kAuthenticateNak:
      link.auth_outcome = "failure";
      link.auth_detail = printable(p.message, 120);
      break;
    default: break;
  }
}

void PppLinkObserver::on_eap(ObserveContext& ctx, Connection& conn, Call& call, const std::string& entity, int from,
                             const FrameInfo& f, ByteView info) {
  auto d = ppp::decode_eap(info);
  ctx.diags(&conn, f, entity, d.diags);
  const ppp::EapPacket& p = d.value;
  const std::string summary = ppp::summarize(p);
  ctx.event(conn, f, entity, undirected_ ? -1 : from, EventKind::message, summary);
  if (f.packet) {
    ppp::describe(p, f.packet->layers.add_object("eap"));
    f.packet->summary += " " + summary;
  }
  if (!d.complete) {
    ctx.truncated(&conn, f, entity, "eap", d.truncated_field);
    return;
  }
  PppLink& link = call.ppp;
  if (link.phase != "network") link.phase = "authenticate";
  if (p.code == ppp::eap_code::kRequest && !undirected_) link.authenticator = from;
  if (p.code == ppp::eap_code::kResponse && p.type == ppp::eap_type::kIdentity)
    link.user = std::string(as_chars(p.type_data));
  if ((p.code == ppp::eap_code::kRequest || p.code == ppp::eap_code::kResponse) && p.type > ppp::eap_type::kNak)
    link.auth_method = "EAP-" + code_abbrev(ppp::eap_type_names(), p.type);
  if (p.code == ppp::eap_code::kSuccess) {
    link.auth_outcome = "success";
    link.phase = "network";
  } else if (p.code == ppp::eap_code::kFailure) {
    link.auth_outcome = "failure";
  }
}

}  // namespace ts::observe
