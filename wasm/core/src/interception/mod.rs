//! Products known to intercept TLS (antivirus, corporate proxies, firewalls, filters…), and
//! recognising one from the names in a certificate chain.
//!
//! The table ([`PRODUCTS`]) is generated from `interception-products.json` (see the top of
//! `products.rs`). Its patterns are matched the way that list recommends: against every
//! certificate name given (issuer and subject of each certificate), ASCII case-insensitively,
//! the whole name ([`pattern`]). A name match says whose CA it looks like, not that the chain
//! was re-signed: the caller confirms that with other evidence.

pub mod pattern;
mod products;

pub use products::PRODUCTS;

use crate::wire::InterceptorKind;

/// A product that re-signs TLS, and how its CA names itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Product {
    /// The list's id, e.g. `eset`.
    pub id: &'static str,
    pub name: &'static str,
    pub kind: InterceptorKind,
    /// A pattern for the CA's common name (CN), as source text.
    pub cn: Option<&'static str>,
    /// A pattern for one of the CA's organization (O) values, as source text.
    pub o: Option<&'static str>,
}

impl Product {
    /// Whether one certificate name is this product's: with both patterns both must match (the
    /// O pattern any of the O values); with one, that one. Never with neither.
    pub fn matches(&self, cn: Option<&str>, organizations: &[&str]) -> bool {
        if self.cn.is_none() && self.o.is_none() {
            return false;
        }
        let cn_ok = self.cn.is_none_or(|p| cn.is_some_and(|cn| pattern::full_match(p, cn)));
        cn_ok && self.o.is_none_or(|p| organizations.iter().any(|o| pattern::full_match(p, o)))
    }
}

/// The first product of the table whose patterns match one of `names`, each a certificate
/// name given as its CN (if any) and its O values.
pub fn match_names(names: &[(Option<&str>, Vec<&str>)]) -> Option<&'static Product> {
    PRODUCTS.iter().find(|product| names.iter().any(|(cn, o)| product.matches(*cn, o)))
}

/// The product with list id `id`.
pub fn by_id(id: &str) -> Option<&'static Product> {
    PRODUCTS.iter().find(|p| p.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A realistic CA name for every product in the table: (id, CN, O).
    const EXAMPLES: &[(&str, Option<&str>, Option<&str>)] = &[
        ("badssl_test", Some("BadSSL MITM Software Test"), None),
        ("avast", Some("avast! Web/Mail Shield Root"), Some("avast! Web/Mail Shield")),
        ("bitdefender", Some("Bitdefender Personal CA.Net-Defender"), Some("Bitdefender")),
        ("cisco_umbrella_root", Some("Cisco Umbrella Root CA"), Some("Cisco")),
        ("cisco_umbrella_sub", Some("Cisco Umbrella Primary SubCA"), Some("Cisco")),
        ("contentkeeper", Some("ContentKeeper Appliance CA (12)"), Some("ContentKeeper Technologies")),
        ("cyberoam", Some("Cyberoam SSL CA_C0123"), Some("Cyberoam Certificate Authority")),
        ("forcepoint", Some("Forcepoint Cloud CA"), Some("Forcepoint LLC")),
        ("fortigate", Some("FortiGate CA"), Some("Fortinet")),
        ("fortinet", Some("FG100F3G19000000"), Some("Fortinet Ltd.")),
        ("kaspersky", Some("Kaspersky Anti-Virus Personal Root Certificate"), Some("AO Kaspersky Lab")),
        ("mcafee_web_gateway", Some("McAfee Web Gateway"), Some("McAfee")),
        ("netspark", Some("www.netspark.com"), Some("NetSpark")),
        ("smoothwall", Some("Smoothwall-default-root-certificate-authority"), Some("Smoothwall Ltd")),
        ("sonicwall", Some("192.168.168.168"), Some("HTTPS Management Certificate for SonicWALL")),
        ("sophos_ssl_ca", Some("Sophos SSL CA_ABC-12"), Some("Sophos")),
        ("sophos_ca", Some("Sophos_CA_C1A2B3C4D5"), Some("Sophos")),
        ("sophos_utm", Some("sophosutm Proxy CA"), Some("sophosutm")),
        ("sophos_web_appliance", Some("Sophos Web Appliance"), Some("Sophos Plc")),
        ("bluecoat", Some("ProxySG CA"), Some("Blue Coat Systems, Inc.")),
        ("trendmicro_iwss", Some("IWSS.TREND"), Some("Trend Micro")),
        ("zscaler", Some("Zscaler Root CA"), Some("Zscaler Inc.")),
        ("eset", Some("ESET SSL Filter CA"), Some("ESET, spol. s r. o.")),
        ("avg", Some("AVG Web/Mail Shield Root"), Some("AVG Web/Mail Shield")),
        ("norton", Some("Norton Web/Mail Shield Root"), Some("Norton Web/Mail Shield")),
        ("ms_family_safety", Some("Microsoft Family Safety"), None),
        ("cloudflare_gateway", Some("Cloudflare for Teams ECC Certificate Authority"), Some("Cloudflare, Inc.")),
        ("netskope", Some("acme.caadmin.netskope.com"), Some("Netskope Inc")),
        ("fiddler", Some("DO_NOT_TRUST_FiddlerRoot"), Some("DO_NOT_TRUST")),
        ("burp", Some("PortSwigger CA"), Some("PortSwigger")),
        ("charles", Some("Charles Proxy CA (6 Mar 2024, laptop.local)"), Some("XK72 Ltd")),
        ("mitmproxy", Some("mitmproxy"), Some("mitmproxy")),
        ("superfish", Some("Superfish, Inc."), Some("Superfish, Inc.")),
        ("edellroot", Some("eDellRoot"), None),
        ("qaznet", Some("Qaznet Trust Network"), None),
        // interception-supplement.json: the cloud proxy's default CA (KA-0013237), O not documented.
        ("trendmicro_tmws", Some("Trend Micro Web Security Cloud Root CA"), None),
    ];

    /// Names of CAs that intercept nothing, or that no product in the table names.
    const OTHERS: &[(Option<&str>, &[&str])] = &[
        (Some("ISRG Root X1"), &["Internet Security Research Group"]),
        (Some("R11"), &["Let's Encrypt"]),
        (Some("DigiCert Global Root G2"), &["DigiCert Inc"]),
        (Some("TLS Doctor Lab Root"), &["TLS Doctor Lab"]),
        (Some("Example Corp TLS Inspection CA"), &["Example Corp"]),
        (Some("Secure Gateway"), &["Net Services"]),
        (Some("ESET SSL Filter CA"), &["Example Corp"]),
        (Some("Fortinet"), &[]),
        (None, &[]),
    ];

    fn organizations(o: Option<&'static str>) -> Vec<&'static str> {
        o.into_iter().collect()
    }

    #[test]
    fn every_product_matches_its_example() {
        assert_eq!(PRODUCTS.len(), EXAMPLES.len(), "an example per product");
        for (product, &(id, cn, o)) in PRODUCTS.iter().zip(EXAMPLES) {
            assert_eq!(product.id, id, "examples in table order");
            assert!(product.matches(cn, &organizations(o)), "{id}: {cn:?} / {o:?}");
        }
    }

    #[test]
    fn both_patterns_must_match_when_both_are_set() {
        for (product, &(id, cn, o)) in PRODUCTS.iter().zip(EXAMPLES) {
            if product.cn.is_some() {
                assert!(!product.matches(Some("Example Corp TLS Inspection CA"), &organizations(o)), "{id}: CN");
                assert!(!product.matches(None, &organizations(o)), "{id}: no CN");
            }
            if product.o.is_some() {
                assert!(!product.matches(cn, &["Example Corp"]), "{id}: O");
                assert!(!product.matches(cn, &[]), "{id}: no O");
                // Any of several O values will do.
                assert!(product.matches(cn, &["Example Corp", o.unwrap_or_default()]), "{id}: second O");
            }
        }
    }

    #[test]
    fn names_of_other_cas_match_nothing() {
        for (cn, o) in OTHERS {
            assert_eq!(match_names(&[(*cn, o.to_vec())]).map(|p| p.id), None, "{cn:?} / {o:?}");
        }
    }

    #[test]
    fn any_name_of_the_chain_may_match() {
        let names = [
            (Some("www.example.com"), vec![]),
            (Some("Example Intermediate"), vec!["Example"]),
            (Some("eset ssl filter ca"), vec!["ESET, spol. s r.o."]),
        ];
        let found = match_names(&names);
        assert_eq!(found.map(|p| (p.id, p.kind)), Some(("eset", InterceptorKind::Antivirus)));
        assert_eq!(match_names(&names[..2]), None);
        assert_eq!(match_names(&[]), None);
        // The more specific product comes first in the table.
        let fortigate = [(Some("FortiGate CA"), vec!["Fortinet"])];
        assert_eq!(match_names(&fortigate).map(|p| p.id), Some("fortigate"));
        assert_eq!(match_names(&[(Some("FGT60F"), vec!["Fortinet"])]).map(|p| p.id), Some("fortinet"));
    }

    #[test]
    fn by_id_finds_table_entries_only() {
        assert_eq!(by_id("zscaler").map(|p| p.name), Some("Zscaler Internet Access"));
        assert_eq!(by_id("mitel"), None, "no issuer pattern: left out");
        // The supplement's rows without a documented CA name are recorded, not matched.
        assert_eq!(by_id("trendmicro_iwsva"), None);
        assert_eq!(by_id("symantec_wss"), None);
        assert_eq!(by_id(""), None);
    }

    fn read_json(name: &str) -> serde_json::Value {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data").join(name);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        serde_json::from_str(&text).unwrap()
    }

    /// The generated table is what the lists say (`data/interception-products.json`, the
    /// shared product facts, then `data/interception-supplement.json`, this project's additions,
    /// as `generate.py` reads them); a missing list fails.
    #[test]
    fn table_is_the_json_lists() {
        let (shared, supplement) = (read_json("interception-products.json"), read_json("interception-supplement.json"));
        let listed: Vec<Product> = shared["products"]
            .as_array()
            .unwrap()
            .iter()
            .chain(supplement["products"].as_array().unwrap())
            .filter(|p| !p["issuer_cn_regex"].is_null() || !p["issuer_o_regex"].is_null())
            .map(|p| Product {
                id: p["id"].as_str().unwrap().to_owned().leak(),
                name: p["name"].as_str().unwrap().to_owned().leak(),
                kind: serde_json::from_value(p["kind"].clone()).unwrap(),
                cn: p["issuer_cn_regex"].as_str().map(|s| &*s.to_owned().leak()),
                o: p["issuer_o_regex"].as_str().map(|s| &*s.to_owned().leak()),
            })
            .collect();
        assert_eq!(PRODUCTS, listed.as_slice());
    }

    /// Each added row says where it comes from and when that was checked, repeats no product of
    /// the shared list, and has no pattern when its CA is named per deployment; what the issue
    /// asked for and the shared list already has is named there, and is there.
    #[test]
    fn the_supplement_adds_sourced_rows_only() {
        let (shared, supplement) = (read_json("interception-products.json"), read_json("interception-supplement.json"));
        let shared_ids: Vec<&str> =
            shared["products"].as_array().unwrap().iter().map(|p| p["id"].as_str().unwrap()).collect();
        for id in supplement["checked_in_shared_list"]["ids"].as_array().unwrap() {
            assert!(shared_ids.contains(&id.as_str().unwrap()), "{id} is not in the shared list");
        }
        let added = supplement["products"].as_array().unwrap();
        assert!(!added.is_empty());
        for p in added {
            let id = p["id"].as_str().unwrap();
            assert!(!shared_ids.contains(&id), "{id} repeats the shared list");
            assert!(p["sources"].as_array().is_some_and(|s| !s.is_empty()), "{id}: no sources");
            let checked = p["checked"].as_str().unwrap_or_default();
            assert!(checked.len() == 10 && checked.starts_with("20"), "{id}: checked {checked:?}");
            if p["deployment_specific_issuer"] == true {
                assert!(p["issuer_cn_regex"].is_null() && p["issuer_o_regex"].is_null(), "{id}: a guessed pattern");
            }
        }
    }
}
