//! Tests of the case lifecycle: the happy paths, and no transition skips a state.

use proptest::prelude::*;

use super::*;

fn run(actions: &[CaseAction]) -> Result<CaseState, InvalidTransition> {
    actions
        .iter()
        .try_fold(CaseState::Submitted, |state, action| state.apply(*action))
}

#[test]
fn a_permit_from_submission_to_hand_over() {
    use CaseAction as A;
    let path = [
        A::Accept,
        A::StartChecks,
        A::ChecksComplete,
        A::Propose,
        A::DecideIssue,
        A::Deliver,
        A::HandOver,
    ];
    assert_eq!(run(&path), Ok(CaseState::HandedOver));
}

#[test]
fn a_refusal_needs_the_supervisor_and_pending_checks_are_retried() {
    use CaseAction as A;
    let path = [
        A::Accept,
        A::StartChecks,
        A::ChecksIncomplete,
        A::StartChecks,
        A::ChecksComplete,
        A::Propose,
        A::DecideRefuse,
        A::Sign,
        A::Deliver,
        A::HandOver,
    ];
    assert_eq!(run(&path), Ok(CaseState::HandedOver));
    assert_eq!(
        run(&[
            A::Accept,
            A::StartChecks,
            A::ChecksComplete,
            A::Propose,
            A::DecideRefuse,
            A::Deliver
        ]),
        Err(InvalidTransition {
            from: CaseState::AwaitingSignature,
            action: A::Deliver
        })
    );
}

#[test]
fn a_permit_can_be_revoked_and_nothing_follows() {
    use CaseAction as A;
    let path = [
        A::Accept,
        A::StartChecks,
        A::ChecksComplete,
        A::Propose,
        A::DecideIssue,
        A::Revoke,
    ];
    assert_eq!(run(&path), Ok(CaseState::Revoked));
    assert!(CaseState::Revoked.is_terminal());
    // Only an appeal can still be recorded against the revocation, with its outcome.
    for action in CaseAction::ALL {
        let appeal = matches!(action, A::ReceiveAppeal | A::DecideAppeal);
        assert_eq!(CaseState::Revoked.apply(*action).is_ok(), appeal, "{action}");
        assert!(CaseState::NotAccepted.apply(*action).is_err());
    }
}

proptest! {
    #[test]
    fn no_path_reaches_an_issued_permit_without_a_proposal(actions in proptest::collection::vec(0usize..13, 0..20)) {
        let mut state = CaseState::Submitted;
        let mut proposed = false;
        for index in actions {
            let action = CaseAction::ALL[index];
            if let Ok(next) = state.apply(action) {
                if next == CaseState::Proposed { proposed = true; }
                if next == CaseState::PermitIssued || next == CaseState::RefusalIssued {
                    prop_assert!(proposed, "{next} reached without a proposal");
                }
                if next == CaseState::RefusalIssued {
                    prop_assert_eq!(state, CaseState::AwaitingSignature);
                }
                state = next;
            }
        }
    }
}
