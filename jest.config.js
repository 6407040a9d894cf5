/** Jest runs TypeScript through ts-jest. Type checking of the whole tree happens in `tsc`
 * (the `prepare` build and a dedicated test), so ts-jest transpiles file by file for speed. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
  },
  moduleNameMapper: { '^xcpform/cdktf$': '<rootDir>/cdktf/index.ts' },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 60000,
};
