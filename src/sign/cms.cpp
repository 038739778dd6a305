#include "sign/cms.hpp"

#include <algorithm>
#include <memory>

#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/x509_vfy.h>

namespace vb::sign {

namespace {

std::string openssl_error(const char *what) {
  unsigned long e = ERR_peek_last_error();
  char buf[256];
  ERR_error_string_n(e, buf, sizeof buf);
  ERR_clear_error();
  return std::string(what) + (e ? std::string(": ") + buf : "");
}

struct CmsFree {
  void operator()(CMS_ContentInfo *c) const { CMS_ContentInfo_free(c); }
};
using CmsPtr = std::unique_ptr<CMS_ContentInfo, CmsFree>;

void der_length(std::string &out, size_t n) {
  if (n < 128) {
    out += char(n);
    return;
  }
  std::string b;
  for (; n; n >>= 8)
    b.insert(b.begin(), char(n & 0xff));
  out += char(0x80 | b.size());
  out += b;
}

// The DER of the signed attributes as they are signed: a SET OF (tag 0x31)
// whose elements DER orders by their encodings. OpenSSL encodes the SignerInfo's
// [0] IMPLICIT SET the same way, so verifiers re-encoding it hash the same bytes.
bool signed_attrs_der(CMS_SignerInfo *si, std::string &out) {
  std::vector<std::string> enc;
  for (int i = 0; i < CMS_signed_get_attr_count(si); ++i) {
    unsigned char *p = nullptr;
    int n = i2d_X509_ATTRIBUTE(CMS_signed_get_attr(si, i), &p);
    if (n <= 0)
      return false;
    enc.emplace_back(reinterpret_cast<char *>(p), size_t(n));
    OPENSSL_free(p);
  }
  std::sort(enc.begin(), enc.end());
  size_t total = 0;
  for (const auto &e : enc)
    total += e.size();
  out = "\x31";
  der_length(out, total);
  for (const auto &e : enc)
    out += e;
  return true;
}

std::string digest_name(int nid) {
  switch (nid) {
  case NID_sha1:
    return "SHA-1";
  case NID_sha224:
    return "SHA-224";
  case NID_sha256:
    return "SHA-256";
  case NID_sha384:
    return "SHA-384";
  case NID_sha512:
    return "SHA-512";
  default:
    return OBJ_nid2sn(nid);
  }
}

} // namespace

size_t cades_size_bound(const Credentials &c) {
  size_t n = size_t(std::max(0, i2d_X509(c.cert, nullptr)));
  for (X509 *x : c.chain)
    n += size_t(std::max(0, i2d_X509(x, nullptr)));
  // Signature, algorithm identifiers, the four attributes and the
  // SignerInfo's issuer and serial: well under 2 KiB beyond the certificates.
  return n + size_t(std::max(0, EVP_PKEY_get_size(c.key))) + 2048;
}

std::string make_cades(const Credentials &c, const unsigned char (&sha256)[32], std::string &err) {
  const unsigned flags = CMS_BINARY | CMS_DETACHED | CMS_PARTIAL;
  CmsPtr cms(CMS_sign(nullptr, nullptr, nullptr, nullptr, flags));
  if (!cms) {
    err = openssl_error("cannot start the CMS signature");
    return {};
  }
  // CMS_CADES adds the ESS signing-certificate-v2 attribute. The signature
  // itself is made below: OpenSSL's own signing would add a signing-time
  // attribute, which PAdES baseline B forbids.
  CMS_SignerInfo *si =
      CMS_add1_signer(cms.get(), c.cert, c.key, EVP_sha256(), flags | CMS_NOSMIMECAP | CMS_CADES);
  if (!si) {
    err = openssl_error("cannot add the signer");
    return {};
  }
  for (X509 *x : c.chain)
    if (!CMS_add1_cert(cms.get(), x)) {
      ERR_clear_error(); // already there
    }
  if (CMS_signed_add1_attr_by_NID(si, NID_pkcs9_contentType, V_ASN1_OBJECT, OBJ_nid2obj(NID_pkcs7_data),
                                  -1) <= 0 ||
      CMS_signed_add1_attr_by_NID(si, NID_pkcs9_messageDigest, V_ASN1_OCTET_STRING, sha256, 32) <= 0) {
    err = openssl_error("cannot add the signed attributes");
    return {};
  }
  std::string attrs;
  if (!signed_attrs_der(si, attrs)) {
    err = openssl_error("cannot encode the signed attributes");
    return {};
  }
  EVP_MD_CTX *md = EVP_MD_CTX_new();
  size_t siglen = 0;
  std::string sig;
  bool ok = md && EVP_DigestSignInit(md, nullptr, EVP_sha256(), nullptr, c.key) == 1 &&
            EVP_DigestSign(md, nullptr, &siglen, reinterpret_cast<const unsigned char *>(attrs.data()),
                           attrs.size()) == 1;
  if (ok) {
    sig.resize(siglen);
    ok = EVP_DigestSign(md, reinterpret_cast<unsigned char *>(sig.data()), &siglen,
                        reinterpret_cast<const unsigned char *>(attrs.data()), attrs.size()) == 1;
    sig.resize(siglen);
  }
  EVP_MD_CTX_free(md);
  if (!ok) {
    err = openssl_error("the key refused to sign");
    return {};
  }
  ASN1_STRING_set(CMS_SignerInfo_get0_signature(si), sig.data(), int(sig.size()));
  unsigned char *der = nullptr;
  int n = i2d_CMS_ContentInfo(cms.get(), &der);
  if (n <= 0) {
    err = openssl_error("cannot encode the CMS signature");
    return {};
  }
  std::string out(reinterpret_cast<char *>(der), size_t(n));
  OPENSSL_free(der);
  return out;
}

X509_STORE *trust_store(const std::string &ca_file, std::string &err) {
  X509_STORE *store = X509_STORE_new();
  // The system's hashed certificate folder is read lazily, by issuer; the
  // bundle file would parse every certificate on each run.
  bool ok = store && (ca_file.empty() ? X509_STORE_load_path(store, X509_get_default_cert_dir()) == 1
                                      : X509_STORE_load_file(store, ca_file.c_str()) == 1);
  if (!ok) {
    err = openssl_error(("cannot read the trust anchors in " + ca_file).c_str());
    X509_STORE_free(store);
    return nullptr;
  }
  return store;
}

CmsCheck check_cms(const std::string &der, const std::string &data, std::time_t at, X509_STORE *trust) {
  CmsCheck r;
  const unsigned char *p = reinterpret_cast<const unsigned char *>(der.data());
  CmsPtr cms(d2i_CMS_ContentInfo(nullptr, &p, long(der.size())));
  if (!cms || OBJ_obj2nid(CMS_get0_type(cms.get())) != NID_pkcs7_signed) {
    ERR_clear_error();
    r.problem = "the signature value is not a CMS SignedData";
    return r;
  }
  STACK_OF(CMS_SignerInfo) *sis = CMS_get0_SignerInfos(cms.get());
  if (sk_CMS_SignerInfo_num(sis) != 1) {
    r.problem = "the signature has " + std::to_string(sk_CMS_SignerInfo_num(sis)) + " signers, not one";
    return r;
  }
  r.parsed = true;
  CMS_SignerInfo *si = sk_CMS_SignerInfo_value(sis, 0);
  STACK_OF(X509) *certs = CMS_get1_certs(cms.get());
  CMS_set1_signers_certs(cms.get(), certs, 0);
  ERR_clear_error();
  X509 *signer = nullptr;
  X509_ALGOR *dig = nullptr;
  CMS_SignerInfo_get0_algs(si, nullptr, &signer, &dig, nullptr);
  if (dig) {
    const ASN1_OBJECT *obj = nullptr;
    X509_ALGOR_get0(&obj, nullptr, nullptr, dig);
    r.digest = digest_name(OBJ_obj2nid(obj));
  }
  if (signer) {
    r.signer = subject_line(signer);
    r.signer_org = name_entry(X509_get_subject_name(signer), NID_organizationName);
  }
  int ti = CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1);
  if (ti >= 0) {
    ASN1_TYPE *t = X509_ATTRIBUTE_get0_type(CMS_signed_get_attr(si, ti), 0);
    std::tm tm{};
    if (t && (t->type == V_ASN1_UTCTIME || t->type == V_ASN1_GENERALIZEDTIME) &&
        ASN1_TIME_to_tm(t->value.utctime, &tm) == 1) {
      r.has_signing_time = true;
      r.signing_time = timegm(&tm);
    }
  }

  BIO *in = BIO_new_mem_buf(data.data(), int(data.size()));
  int ok = CMS_verify(cms.get(), nullptr, nullptr, in, nullptr, CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY);
  BIO_free(in);
  r.valid = ok == 1;
  if (!r.valid) {
    unsigned long e = ERR_peek_last_error();
    r.problem = ERR_GET_REASON(e) == CMS_R_VERIFICATION_FAILURE
                    ? "the signed bytes do not match the signature"
                : ERR_GET_REASON(e) == CMS_R_CONTENT_VERIFY_ERROR
                    ? "the signed bytes do not match the signature (digest mismatch)"
                    : openssl_error("the signature does not verify");
    ERR_clear_error();
  }

  if (signer) {
    r.cert_in_time = X509_cmp_time(X509_get0_notBefore(signer), &at) <= 0 &&
                     X509_cmp_time(X509_get0_notAfter(signer), &at) >= 0;
    X509_STORE_CTX *ctx = trust ? X509_STORE_CTX_new() : nullptr;
    if (!trust) {
      r.cert_problem = "not checked";
    } else if (ctx && X509_STORE_CTX_init(ctx, trust, signer, certs) == 1) {
      X509_VERIFY_PARAM_set_time(X509_STORE_CTX_get0_param(ctx), at);
      if (X509_verify_cert(ctx) != 1)
        r.cert_problem = X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx));
    } else {
      r.cert_problem = "cannot check the certificate chain";
    }
    X509_STORE_CTX_free(ctx);
    ERR_clear_error();
  } else {
    r.cert_problem = "the signer's certificate is not embedded";
  }
  sk_X509_pop_free(certs, X509_free);
  return r;
}

} // namespace vb::sign
