"""The ways a notice leaves the counter: the routes of frontdesk.toml ([[notify]]) and the
receivers they post to (a 企业微信 group robot, a plain webhook). The standard library's HTTP
client is enough; a secret is read from an environment variable the file names, never from
the file."""
