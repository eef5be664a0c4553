//! The command lines of `publish`, `withdraw` and `restore`: which Worker (`--env`, `--url`),
//! which admin token, which files.
//!
//! `--env local` is the Worker of `make dev` (`http://127.0.0.1:$PORT`, 8787 by default) with
//! the token of `.dev.vars` (the first of `ADMIN_TOKENS`, else `ADMIN_TOKEN`); `staging` and
//! `production` need `--url` (or `SMA_URL`) and the token in `SMA_ADMIN_TOKEN`, which
//! `SMA_ADMIN_TOKEN` also overrides locally. Demo files never leave local development.

use super::api::HttpApi;
use super::{Options, Source, PART_SIZE, SINGLE_LIMIT};
use sma_shared::releases::Version;
use std::path::PathBuf;

/// The deployment a command talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Env {
    /// `make dev`'s Worker.
    Local,
    /// The staging Worker.
    Staging,
    /// The production Worker.
    Production,
}

/// The usage of the three commands.
pub const USAGE: &str = "sma-tools publish --env local|staging|production [--url URL] [--releases DIR] (--files DIR | --demo [--full-size IDS] [--artifact-cache DIR]) [--dry-run] [--single-limit BYTES] [--part-size BYTES]
  sma-tools withdraw VERSION --reason TEXT --env ENV [--url URL]
  sma-tools restore VERSION --env ENV [--url URL]";

/// The options every command takes, and the rest.
#[derive(Debug, Default)]
struct Flags {
    env: Option<String>,
    url: Option<String>,
    values: Vec<(String, String)>,
    switches: Vec<String>,
    positional: Vec<String>,
}

impl Flags {
    fn parse(args: &[String], switches: &[&str]) -> Result<Flags, String> {
        let mut f = Flags::default();
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            if switches.contains(&arg.as_str()) {
                f.switches.push(arg.clone());
            } else if let Some(name) = arg.strip_prefix("--") {
                let value = it.next().ok_or_else(|| format!("{arg} needs a value"))?;
                match name {
                    "env" => f.env = Some(value.clone()),
                    "url" => f.url = Some(value.clone()),
                    _ => f.values.push((arg.clone(), value.clone())),
                }
            } else {
                f.positional.push(arg.clone());
            }
        }
        Ok(f)
    }

    fn take(&mut self, name: &str) -> Option<String> {
        let i = self.values.iter().position(|(n, _)| n == name)?;
        Some(self.values.remove(i).1)
    }

    fn has(&self, switch: &str) -> bool {
        self.switches.iter().any(|s| s == switch)
    }

    fn done(&self) -> Result<(), String> {
        match self.values.first() {
            Some((name, _)) => Err(format!("unknown option {name}")),
            None => Ok(()),
        }
    }
}

/// Where a command sends its requests and with which token.
#[derive(Debug, PartialEq, Eq)]
pub struct Target {
    /// The deployment.
    pub env: Env,
    /// The Worker's origin.
    pub url: String,
    /// The admin token.
    pub token: String,
}

/// Reads one variable of the process environment.
type VarFn = Box<dyn Fn(&str) -> Option<String>>;

/// What the process environment and `.dev.vars` say (so that tests can give them).
pub struct Context {
    /// A variable of the process environment.
    pub var: VarFn,
    /// The text of `.dev.vars`, if there is one.
    pub dev_vars: Option<String>,
}

impl Context {
    /// The real process environment and `./.dev.vars`.
    pub fn real() -> Context {
        Context {
            var: Box::new(|name| std::env::var(name).ok().filter(|v| !v.is_empty())),
            dev_vars: std::fs::read_to_string(".dev.vars").ok(),
        }
    }
}

/// The admin token `.dev.vars` holds: the first of `ADMIN_TOKENS`, else `ADMIN_TOKEN`.
pub fn dev_token(dev_vars: &str) -> Option<String> {
    let value = |name: &str| {
        dev_vars
            .lines()
            .find_map(|l| l.trim().strip_prefix(name)?.strip_prefix('='))
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    let named = value("ADMIN_TOKENS").and_then(|list| {
        let first = list.split(',').next()?.trim().to_owned();
        Some(first.split_once(':')?.1.trim().to_owned())
    });
    named.or_else(|| value("ADMIN_TOKEN"))
}

fn target(flags: &Flags, cx: &Context) -> Result<Target, String> {
    let env = match flags.env.as_deref() {
        Some("local") => Env::Local,
        Some("staging") => Env::Staging,
        Some("production") => Env::Production,
        Some(other) => return Err(format!("--env {other}: one of local, staging, production")),
        None => return Err("--env local|staging|production is required".into()),
    };
    let url = flags.url.clone().or_else(|| (cx.var)("SMA_URL"));
    let token = (cx.var)("SMA_ADMIN_TOKEN");
    let (url, token) = match env {
        Env::Local => (
            url.unwrap_or_else(|| {
                format!(
                    "http://127.0.0.1:{}",
                    (cx.var)("PORT").unwrap_or_else(|| "8787".into())
                )
            }),
            token
                .or_else(|| cx.dev_vars.as_deref().and_then(dev_token))
                .ok_or(
                    "no admin token: set SMA_ADMIN_TOKEN or run `make setup` (writes .dev.vars)",
                )?,
        ),
        Env::Staging | Env::Production => (
            url.ok_or("--url (or SMA_URL) names the Worker, e.g. https://portal.example.com")?,
            token.ok_or("SMA_ADMIN_TOKEN must hold an admin token of that Worker")?,
        ),
    };
    Ok(Target { env, url, token })
}

/// A size in bytes: a whole number, or one with `MiB`.
fn bytes(text: &str) -> Result<u64, String> {
    let (number, unit) = match text.strip_suffix("MiB") {
        Some(n) => (n, 1024 * 1024),
        None => (text, 1),
    };
    number
        .trim()
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(unit))
        .ok_or_else(|| format!("{text}: a size in bytes (or MiB, e.g. 16MiB)"))
}

/// Parses `publish`'s arguments.
pub fn publish_args(args: &[String], cx: &Context) -> Result<(Target, Options), String> {
    let mut f = Flags::parse(args, &["--dry-run", "--demo"])?;
    let target = target(&f, cx)?;
    let releases = PathBuf::from(f.take("--releases").unwrap_or_else(|| "releases".into()));
    let files = f.take("--files");
    let full_size = f.take("--full-size");
    let cache = f.take("--artifact-cache");
    let source = match (f.has("--demo"), files) {
        (true, Some(_)) => return Err("--demo and --files exclude each other".into()),
        (true, None) if target.env != Env::Local => {
            return Err("--demo publishes stand-in files: local development only".into())
        }
        (true, None) => Source::Demo {
            cache: cache.map(PathBuf::from).unwrap_or_else(|| {
                let home = (cx.var)("HOME").unwrap_or_else(|| ".".into());
                PathBuf::from(home).join(".cache/sma-artifacts")
            }),
            full_size: full_size.unwrap_or_default(),
        },
        (false, Some(dir)) => Source::Files(PathBuf::from(dir)),
        (false, None) => return Err(
            "say where the files are: --files DIR (holding VERSION/FILE NAME), or --demo locally"
                .into(),
        ),
    };
    let single_limit = f
        .take("--single-limit")
        .map_or(Ok(SINGLE_LIMIT), |v| bytes(&v))?;
    let part_size = f.take("--part-size").map_or(Ok(PART_SIZE), |v| bytes(&v))?;
    f.done()?;
    if let Some(extra) = f.positional.first() {
        return Err(format!("unexpected argument {extra}"));
    }
    Ok((
        target,
        Options {
            releases,
            source,
            dry_run: f.has("--dry-run"),
            single_limit,
            part_size,
        },
    ))
}

/// Parses `withdraw` (with `reason`) or `restore` (without).
pub fn withdraw_args(
    args: &[String],
    cx: &Context,
    restore: bool,
) -> Result<(Target, Version, Option<String>), String> {
    let mut f = Flags::parse(args, &[])?;
    let target = target(&f, cx)?;
    let reason = f.take("--reason");
    f.done()?;
    let [version] = &f.positional[..] else {
        return Err("name one VERSION".into());
    };
    let version = Version::parse(version).map_err(|e| e.to_string())?;
    match (restore, reason) {
        (false, None) => {
            Err("--reason TEXT says why it is withdrawn (kept in the audit log)".into())
        }
        (true, Some(_)) => Err("restore takes no --reason".into()),
        (_, reason) => Ok((target, version, reason)),
    }
}

/// Runs `sma-tools publish|withdraw|restore ARGS`.
/// The target of a command that takes only `--env`, `--url` and positional arguments (e.g.
/// `sma-tools import FILE`), and those arguments.
pub fn plain_target(args: &[String]) -> Result<(Target, Vec<String>), String> {
    let f = Flags::parse(args, &[])?;
    f.done()?;
    let target = target(&f, &Context::real())?;
    Ok((target, f.positional))
}

pub fn run(command: &str, args: &[String]) -> Result<(), String> {
    let cx = Context::real();
    let mut out = std::io::stdout();
    match command {
        "publish" => {
            let (target, opts) = publish_args(args, &cx)?;
            let api = HttpApi::new(&target.url, target.token);
            writeln!(
                out,
                "{} {} ({:?}){}",
                if opts.dry_run {
                    "Dry run against"
                } else {
                    "Publishing to"
                },
                target.url,
                target.env,
                match &opts.source {
                    Source::Demo { .. } => ", demo files",
                    Source::Files(_) => "",
                }
            )
            .map_err(|e| e.to_string())?;
            super::publish(&opts, &api, &mut out).map(|_| ())
        }
        _ => {
            let restore = command == "restore";
            let (target, version, reason) = withdraw_args(args, &cx, restore)?;
            let api = HttpApi::new(&target.url, target.token);
            super::withdraw(&api, &version, reason.as_deref(), &mut out)
        }
    }
}

use std::io::Write as _;

#[cfg(test)]
mod tests {
    use super::*;

    fn cx(vars: &[(&str, &str)], dev_vars: Option<&str>) -> Context {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        Context {
            var: Box::new(move |name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())),
            dev_vars: dev_vars.map(str::to_owned),
        }
    }

    fn args(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_owned).collect()
    }

    const DEV_VARS: &str = "LINK_KEYS=k1:x\nADMIN_TOKEN=single-token-0123456789\nADMIN_TOKENS=ops:ops-token-0123456789abcdef0123456789,other:o\n";

    #[test]
    fn locally_the_worker_of_make_dev_is_called_with_the_first_named_token() {
        let (target, opts) = publish_args(
            &args("--env local --demo"),
            &cx(&[("PORT", "8841")], Some(DEV_VARS)),
        )
        .unwrap();
        assert_eq!(target.url, "http://127.0.0.1:8841");
        assert_eq!(target.token, "ops-token-0123456789abcdef0123456789");
        assert!(matches!(opts.source, Source::Demo { .. }));
        assert!(!opts.dry_run);
        assert_eq!(
            (opts.single_limit, opts.part_size),
            (SINGLE_LIMIT, PART_SIZE)
        );
        assert_eq!(dev_token("ADMIN_TOKEN=abc\n").as_deref(), Some("abc"));
    }

    #[test]
    fn a_remote_deployment_needs_its_url_and_a_token_from_the_environment() {
        let dev = Some(DEV_VARS);
        let e = publish_args(&args("--env production --files dist"), &cx(&[], dev)).unwrap_err();
        assert!(e.contains("--url"), "{e}");
        let e = publish_args(
            &args("--env production --url https://p.example --files dist"),
            &cx(&[], dev),
        )
        .unwrap_err();
        assert!(e.contains("SMA_ADMIN_TOKEN"), "{e}");
        let (target, opts) = publish_args(
            &args("--env staging --files dist --dry-run --single-limit 6MiB --part-size 5MiB"),
            &cx(
                &[("SMA_URL", "https://s.example"), ("SMA_ADMIN_TOKEN", "t")],
                dev,
            ),
        )
        .unwrap();
        assert_eq!(
            (target.env, target.url.as_str(), target.token.as_str()),
            (Env::Staging, "https://s.example", "t")
        );
        assert!(opts.dry_run);
        assert_eq!((opts.single_limit, opts.part_size), (6 << 20, 5 << 20));
    }

    #[test]
    fn demo_files_never_leave_local_development() {
        let e = publish_args(
            &args("--env production --url https://p.example --demo"),
            &cx(&[("SMA_ADMIN_TOKEN", "t")], None),
        )
        .unwrap_err();
        assert!(e.contains("local development only"), "{e}");
    }

    #[test]
    fn a_withdrawal_needs_a_reason_and_a_restore_takes_none() {
        let c = cx(&[], Some(DEV_VARS));
        let (_, v, reason) =
            withdraw_args(&args("6.1.2 --env local --reason broken"), &c, false).unwrap();
        assert_eq!(
            (v.to_string(), reason.as_deref()),
            ("6.1.2".into(), Some("broken"))
        );
        assert!(withdraw_args(&args("6.1.2 --env local"), &c, false).is_err());
        assert!(withdraw_args(&args("6.1.2 --env local --reason x"), &c, true).is_err());
        assert!(withdraw_args(&args("six --env local --reason x"), &c, false).is_err());
    }

    #[test]
    fn unknown_options_and_missing_sources_are_refused() {
        let c = cx(&[], Some(DEV_VARS));
        assert!(
            publish_args(&args("--env local --files d --colour red"), &c)
                .unwrap_err()
                .contains("--colour")
        );
        assert!(publish_args(&args("--env local"), &c)
            .unwrap_err()
            .contains("--files"));
        assert!(publish_args(&args("--env moon --demo"), &c).is_err());
    }
}
