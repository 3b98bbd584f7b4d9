#!/usr/bin/env node
// The command's code is built into dist/; this file exists before the build, so that
// package managers can link the command at install time.
import '../dist/cli.js';
