#!/usr/bin/env node
// Entry point: runs the compiled CLI and exits with its code.
import { run } from "../dist/scripts/main.js";

run();
