//! `ruqsat staff`: the administration of staff accounts from the command line, for the first
//! administrator of a new installation and for scripts. The person at the console acts as an
//! administrator named `cli:<user>` (whoever can run this holds the database and its keys); the
//! use cases are those of the administrator's pages (`ruqsat_cases::accounts`), audited alike.

use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use ruqsat_cases::accounts::{self, NewAccount};
use ruqsat_cases::actors::{Caller, Role};
use ruqsat_cases::{CaseError, Service};
use ruqsat_domain::decide::Law;

use crate::StaffCommand;

/// Runs a staff command on `database`.
pub fn run(law: Law, database: &str, command: StaffCommand) -> anyhow::Result<ExitCode> {
    let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    runtime.block_on(async {
        let store = crate::store::open(database).await?;
        let clock = crate::serve::clock();
        let registries = ruqsat_registries::AnyRegistries::Simulated(Arc::new(crate::serve::simulator(&law, &clock)));
        // No permit is sealed here: a key of this process only.
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed).expect("invariant: the operating system provides randomness");
        let service = Service::builder(
            store,
            Arc::new(law),
            registries,
            clock,
            Arc::new(crate::serve::random_token),
            ruqsat_documents::seal::Sealer::from_seed(seed),
        )
        .build();
        let user = std::env::var("USER").unwrap_or_else(|_| "console".into());
        let caller = Caller {
            login: format!(
                "cli:{}",
                user.chars().filter(char::is_ascii_alphanumeric).collect::<String>()
            ),
            role: Role::Administrator,
            region: None,
        };
        match execute(&service, &caller, command).await {
            Ok(()) => Ok(ExitCode::SUCCESS),
            Err(CaseError::Invalid { field, message, .. }) => {
                eprintln!("error: {field}: {message}");
                Ok(ExitCode::from(2))
            }
            Err(CaseError::NotFound) => {
                eprintln!("error: no such account");
                Ok(ExitCode::from(2))
            }
            Err(error) => Err(error.into()),
        }
    })
}

async fn execute(service: &Service, caller: &Caller, command: StaffCommand) -> Result<(), CaseError> {
    match command {
        StaffCommand::Add {
            login,
            name,
            role,
            region,
        } => {
            let password = accounts::add(
                service,
                caller,
                NewAccount {
                    login: login.clone(),
                    name,
                    role,
                    region,
                },
            )
            .await?;
            match password {
                Some(password) => println!(
                    "account {login} created; temporary password: {password}\n(hand it over in person; the user chooses a new one at the first sign-in)"
                ),
                None => {
                    println!("integration account {login} created; issue its token with `ruqsat staff token {login}`")
                }
            }
        }
        StaffCommand::List => {
            println!("{:<24} {:<30} {:<10} {:<8} NAME", "LOGIN", "ROLE", "REGION", "STATE");
            for account in accounts::list(service, caller).await? {
                let state = if account.disabled_at.is_some() {
                    "disabled"
                } else if account.locked_until.is_some() {
                    "locked"
                } else if account.password_change_due {
                    "reset"
                } else {
                    "active"
                };
                println!(
                    "{:<24} {:<30} {:<10} {:<8} {}",
                    account.staff.login,
                    account.staff.role,
                    account.staff.region.as_deref().unwrap_or("-"),
                    state,
                    account.staff.name
                );
            }
        }
        StaffCommand::Reset { login } => {
            let password = accounts::reset_password(service, caller, &login).await?;
            println!("password of {login} reset; temporary password: {password}");
        }
        StaffCommand::Unlock { login } => {
            accounts::unlock(service, caller, &login).await?;
            println!("{login} unlocked");
        }
        StaffCommand::Disable { login } => {
            accounts::set_disabled(service, caller, &login, true).await?;
            println!("{login} disabled; its sessions and tokens ended");
        }
        StaffCommand::Enable { login } => {
            accounts::set_disabled(service, caller, &login, false).await?;
            println!("{login} enabled");
        }
        StaffCommand::Role { login, role, region } => {
            accounts::set_role(service, caller, &login, &role, region.as_deref()).await?;
            println!("{login} is now {role}");
        }
        StaffCommand::Token { login, days } => {
            let token = accounts::issue_token(service, caller, &login, days).await?;
            println!("{token}");
            eprintln!("token of {login} for {days} days (shown once; keep it in the integration's secret store)");
        }
    }
    Ok(())
}
