"""flask credentials keygen | revoke: the operator's key and revocation commands."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from app.credentials.domain.keys import generate_key_pair


@click.group("credentials", cls=AppGroup)
def credentials_group() -> None:
    """Verifiable credentials: signing keys and revocation."""


@credentials_group.command("keygen")
def keygen() -> None:
    """Create an Ed25519 key pair and print the configuration line (the secret is shown once).

    After a rotation the app signs with the new key; the old public key stays published as
    retired, so credentials signed with it still verify.
    """
    pair = generate_key_pair()
    click.echo(f"Public key (publicKeyMultibase): {pair.public_multibase}")
    click.echo("Put this line in the production environment (keep it secret, never in git):")
    click.echo(f"CREDENTIAL_SIGNING_KEY={pair.secret_multibase}")


@credentials_group.command("revoke")
@click.argument("public_id")
def revoke(public_id: str) -> None:
    """Revoke a credential by its id: set its status bit and re-sign the status list."""
    from app.credentials.services import revoke_by_public_id

    row = revoke_by_public_id(public_id.strip())
    if row is None:
        raise click.ClickException(f"no credential {public_id}")
    click.echo(f"Revoked: {public_id} (status list index {row.status_index})")
