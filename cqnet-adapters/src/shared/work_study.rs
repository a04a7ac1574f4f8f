//! The statements of the SQL adapters for learning companies, their field teachers, learners,
//! contracts and programmes (`$1,
//! $2, …` placeholders).

#[allow(dead_code)]
pub(crate) mod stmt {
    pub const COMPANY_INSERT: &str =
        "INSERT INTO learning_companies (company, status, version, body) VALUES ($1, $2, $3, $4)";
    pub const COMPANY_GET: &str = "SELECT version, body FROM learning_companies WHERE company = $1";
    pub const COMPANY_LOCK: &str =
        "SELECT version, body FROM learning_companies WHERE company = $1 FOR NO KEY UPDATE";
    pub const COMPANY_UPDATE: &str =
        "UPDATE learning_companies SET status = $1, version = $2, body = $3 WHERE company = $4";
    pub const COMPANY_ALL: &str = "SELECT version, body FROM learning_companies ORDER BY company";
    pub const TEACHER_INSERT: &str =
        "INSERT INTO field_teachers (teacher, company, version, body) VALUES ($1, $2, $3, $4)";
    pub const TEACHER_GET: &str = "SELECT version, body FROM field_teachers WHERE teacher = $1";
    pub const TEACHER_LOCK: &str =
        "SELECT version, body FROM field_teachers WHERE teacher = $1 FOR NO KEY UPDATE";
    pub const TEACHER_UPDATE: &str =
        "UPDATE field_teachers SET company = $1, version = $2, body = $3 WHERE teacher = $4";
    pub const TEACHER_OF: &str =
        "SELECT version, body FROM field_teachers WHERE company = $1 ORDER BY teacher";
    pub const LEARNER_INSERT: &str =
        "INSERT INTO learners (learner, version, body) VALUES ($1, $2, $3)";
    pub const LEARNER_GET: &str = "SELECT version, body FROM learners WHERE learner = $1";
    pub const LEARNER_LOCK: &str =
        "SELECT version, body FROM learners WHERE learner = $1 FOR NO KEY UPDATE";
    pub const LEARNER_UPDATE: &str =
        "UPDATE learners SET version = $1, body = $2 WHERE learner = $3";
    pub const CONTRACT_INSERT: &str = "INSERT INTO learning_contracts (contract, learner, company, status, version, body) VALUES ($1, $2, $3, $4, $5, $6)";
    pub const CONTRACT_GET: &str =
        "SELECT version, body FROM learning_contracts WHERE contract = $1";
    pub const CONTRACT_LOCK: &str =
        "SELECT version, body FROM learning_contracts WHERE contract = $1 FOR NO KEY UPDATE";
    pub const CONTRACT_UPDATE: &str = "UPDATE learning_contracts SET company = $1, status = $2, version = $3, body = $4 WHERE contract = $5";
    pub const CONTRACTS_OF: &str =
        "SELECT version, body FROM learning_contracts WHERE company = $1 ORDER BY contract";
    pub const CONTRACTS_OF_LOCK: &str = "SELECT version, body FROM learning_contracts WHERE company = $1 ORDER BY contract FOR NO KEY UPDATE";
    pub const PROGRAMME_INSERT: &str =
        "INSERT INTO programmes (programme, company, version, body) VALUES ($1, $2, $3, $4)";
    pub const PROGRAMME_GET: &str = "SELECT version, body FROM programmes WHERE programme = $1";
    pub const PROGRAMME_LOCK: &str =
        "SELECT version, body FROM programmes WHERE programme = $1 FOR NO KEY UPDATE";
    pub const PROGRAMMES_OF: &str =
        "SELECT version, body FROM programmes WHERE company = $1 ORDER BY programme";
}
