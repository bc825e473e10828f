#!/usr/bin/python3
"""Run one Swift server (KIND CONF [-v]) with swift.conf from CONF's folder.

Swift reads its constraints (metadata limits) from /etc/swift/swift.conf
whatever swift_dir says; point it at the throwaway folder first."""
import os
import sys

from swift.common import constraints, utils
from swift.common.wsgi import run_wsgi

kind, conf = sys.argv[1], sys.argv[2]
utils.SWIFT_CONF_FILE = os.path.join(os.path.dirname(os.path.abspath(conf)), "swift.conf")
constraints.reload_constraints()
sys.argv = [sys.argv[0], conf] + sys.argv[3:]
conf_file, options = utils.parse_options()
sys.exit(run_wsgi(conf_file, kind + "-server", **options))
