"""Two gunicorn processes sharing one Redis: a change made anywhere shows everywhere.

A real deployment: two app servers (gunicorn, one worker each) on one
SQLite file and one Redis, and a third process (``manage.py shell``) that
edits, as an editor's request on another server would. Skipped, saying so,
when no Redis answers.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.conf import settings

from tests.releases.test_page_cache import REDIS_URL, needs_redis

ROOT = Path(settings.BASE_DIR)
BIN = Path(sys.executable).parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port, path):
    """GET from one server, under the one public host name, as behind a proxy."""
    request = urllib.request.Request(
        "http://127.0.0.1:%d%s" % (port, path), headers={"Host": "127.0.0.1"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers.get("X-Newsroom-Cache"), response.read().decode()


@pytest.fixture
def stack(tmp_path):
    prefix = "newsroom-test-%s" % uuid.uuid4().hex
    env = {
        **os.environ,
        "DATABASE_URL": "sqlite:///%s" % (tmp_path / "shared.sqlite3"),
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": prefix,
        "NEWSROOM_PAGE_CACHE_SECONDS": "600",
        # DEBUG on spares a collectstatic; the caching is the same.
        "DEBUG": "true",
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)

    def manage(*args):
        return subprocess.run(
            [BIN / "python", "manage.py", *args],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            timeout=240,
            text=True,
        ).stdout

    manage("migrate", "--noinput")
    ports, servers = [free_port(), free_port()], []
    for port in ports:
        servers.append(
            subprocess.Popen(
                [BIN / "gunicorn", "-c", "gunicorn.conf.py", "--workers", "1"],
                cwd=ROOT,
                env={**env, "GUNICORN_BIND": "127.0.0.1:%d" % port},
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
    try:
        for port in ports:
            for _ in range(300):
                try:
                    get(port, "/en/")
                    break
                except OSError:
                    time.sleep(0.2)
        yield ports, lambda code: manage("shell", "-c", code)
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
        import redis

        client = redis.Redis.from_url(REDIS_URL)
        for key in client.scan_iter("%s:*" % prefix):
            client.delete(key)


SETUP = """
from datetime import timedelta
from django.utils import timezone
from releases.models import PressRelease
PressRelease.objects.create(reference="A/1", title_en="First story",
    status="published", published_at=timezone.now() - timedelta(hours=1))
"""

# The correction, and a release scheduled a few seconds ahead, in one
# process start (starting Django is the slow part on a busy machine).
EDIT_AND_SCHEDULE = """
from datetime import timedelta
from django.utils import timezone
from releases.models import PressRelease
release = PressRelease.objects.get(reference="A/1")
release.title_en = "Corrected story"
release.save()
due = timezone.now() + timedelta(seconds=15)
PressRelease.objects.create(reference="A/2", title_en="Embargoed story",
    status="published", published_at=due)
print(due.timestamp())
"""


@needs_redis
def test_two_app_processes_share_the_cache_and_its_invalidation(stack):
    (a, b), shell = stack
    shell(SETUP)

    state, body = get(a, "/en/")
    assert "First story" in body
    # B serves the page A rendered: one cache for both.
    assert get(b, "/en/") == ("hit", body)

    # An edit in a third process reaches both servers' next request.
    due = float(shell(EDIT_AND_SCHEDULE).split()[-1])
    for port in (b, a):
        state, body = get(port, "/en/")
        assert "Corrected story" in body and "First story" not in body, port
        assert "Embargoed story" not in body, port
    assert get(a, "/en/")[0] == "hit"

    # The scheduled release falls due with no save anywhere.
    remaining = due - time.time()
    assert remaining > 0, "the requests took longer than the embargo"
    time.sleep(remaining + 0.2)
    for port in (a, b):
        assert "Embargoed story" in get(port, "/en/")[1], port
