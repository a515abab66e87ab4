// The monaco-yaml language worker, bundled locally by Vite (STACK.md pitfall 4).
import 'monaco-yaml/yaml.worker.js';
