import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as logic from '../src/logic.js';
