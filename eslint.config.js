// Lint rules, including the one that keeps the arrows of STYLE.md pointing inwards:
// src/domain is pure (no I/O, no clock, no environment) and imports nothing of ours outside itself.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

const domainRestrictions = {
  "no-restricted-imports": [
    "error",
    {
      patterns: [
        { group: ["node:*"], message: "The domain is pure: no Node modules." },
        {
          group: [
            "**/db/**",
            "**/app/**",
            "**/http/**",
            "**/jobs/**",
            "**/channels/**",
            "**/cli/**",
          ],
          message: "The domain imports nothing of ours outside src/domain.",
        },
      ],
      paths: ["fs", "path", "os", "crypto", "child_process", "process"].map((name) => ({
        name,
        message: "The domain is pure: no Node modules.",
      })),
    },
  ],
  "no-restricted-globals": [
    "error",
    { name: "process", message: "The domain does not read the environment." },
    { name: "fetch", message: "The domain does no I/O." },
  ],
  "no-restricted-syntax": [
    "error",
    {
      selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
      message: "The domain does not read the clock: pass `now` in.",
    },
    {
      selector: "NewExpression[callee.name='Date'][arguments.length=0]",
      message: "The domain does not read the clock: pass `now` in.",
    },
    {
      selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
      message: "The domain has no randomness: pass ids and seeds in.",
    },
  ],
};

export default tseslint.config(
  { ignores: ["node_modules/**", "dist/**", "data/**", "coverage/**", "web/dist/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "no-console": "off",
    },
  },
  {
    // The desk shows citizens' messages: text only, never HTML (see web/src/components/MessageText.tsx).
    files: ["web/src/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: "Render text, never HTML: messages come from anyone.",
        },
        {
          selector: "MemberExpression[property.name=/^(innerHTML|outerHTML)$/]",
          message: "Render text, never HTML: messages come from anyone.",
        },
        {
          selector: "CallExpression[callee.property.name='insertAdjacentHTML']",
          message: "Render text, never HTML: messages come from anyone.",
        },
      ],
    },
  },
  {
    files: ["src/domain/**/*.ts"],
    ignores: ["src/domain/**/*.test.ts"],
    rules: domainRestrictions,
  },
);
