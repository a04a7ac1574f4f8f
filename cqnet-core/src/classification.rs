//! Where an entry of the catalog sits: the job field (직무분야) and NCS classification (NCS
//! 분류) of a qualification, the type of an institution (기관 유형) and its region (지역: 시도 and
//! 시군구). These are the facts a public search filters on.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::InputError;
use crate::text::check_visible;

/// The most characters of a [`JobField`].
///
/// # Example
/// ```
/// use cqnet_core::{JobField, JOB_FIELD_MAX_CHARS};
/// assert!(JobField::new(&"가".repeat(JOB_FIELD_MAX_CHARS + 1)).is_err());
/// ```
pub const JOB_FIELD_MAX_CHARS: usize = 50;

/// The job field (직무분야) of a qualification, such as `기계` or `전기·전자`: 1 to
/// [`JOB_FIELD_MAX_CHARS`] visible characters, compared as written (trimmed).
///
/// # Errors
/// [`JobField::new`] refuses empty text, text over 50 characters, and a control, bidirectional
/// or zero-width character.
///
/// # Example
/// ```
/// use cqnet_core::JobField;
/// assert_eq!(JobField::new(" 기계 ")?.as_str(), "기계");
/// assert!(JobField::new("기\u{7}계").is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct JobField(String);

impl JobField {
    /// Checks a job field.
    ///
    /// # Errors
    /// [`InputError::Empty`], [`InputError::OutOfRange`] over 50 characters,
    /// [`InputError::HiddenCharacter`].
    ///
    /// # Example
    /// ```
    /// use cqnet_core::JobField;
    /// assert!(JobField::new("전기·전자").is_ok());
    /// assert!(JobField::new("   ").is_err());
    /// ```
    pub fn new(text: &str) -> Result<Self, InputError> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(InputError::Empty { what: "job field" });
        }
        let chars = trimmed.chars().count();
        if chars > JOB_FIELD_MAX_CHARS {
            return Err(InputError::out_of_range(
                "characters of a job field",
                1,
                JOB_FIELD_MAX_CHARS,
                chars,
            ));
        }
        check_visible("job field", trimmed)?;
        Ok(JobField(trimmed.to_owned()))
    }

    /// The field's name.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::JobField;
    /// assert_eq!(JobField::new("기계")?.as_str(), "기계");
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for JobField {
    type Error = InputError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        JobField::new(&s)
    }
}

impl From<JobField> for String {
    fn from(f: JobField) -> String {
        f.0
    }
}

impl fmt::Display for JobField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An NCS classification (NCS 분류) at one of its four levels: 대분류 (2 digits), 중분류 (4),
/// 소분류 (6) or 세분류 (8), such as `15` (기계), `1501`, `150102` or `15010202`. The first eight
/// digits of an NCS competency unit code are its 세분류.
///
/// # Errors
/// [`NcsClassification::new`] refuses anything but 2, 4, 6 or 8 ASCII digits.
///
/// # Example
/// ```
/// use cqnet_core::NcsClassification;
/// let detail = NcsClassification::new("15010202")?;
/// let major = NcsClassification::new("15")?;
/// assert_eq!((major.level(), detail.level()), (1, 4));
/// assert!(major.contains(&detail) && !detail.contains(&major));
/// assert!(NcsClassification::new("150").is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct NcsClassification(String);

impl NcsClassification {
    /// Checks a classification code.
    ///
    /// # Errors
    /// [`InputError::Malformed`] unless the text is 2, 4, 6 or 8 ASCII digits.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::NcsClassification;
    /// assert!(NcsClassification::new("1501").is_ok());
    /// assert!(NcsClassification::new("15 01").is_err());
    /// ```
    pub fn new(text: &str) -> Result<Self, InputError> {
        let ok = matches!(text.len(), 2 | 4 | 6 | 8) && text.bytes().all(|b| b.is_ascii_digit());
        if !ok {
            return Err(InputError::Malformed {
                what: "NCS classification",
                value: InputError::quoted(text),
                expected: "2, 4, 6 or 8 digits: 대분류, 중분류, 소분류 or 세분류, such as 15010202",
            });
        }
        Ok(NcsClassification(text.to_owned()))
    }

    /// The level, 1 (대분류) to 4 (세분류).
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::NcsClassification;
    /// assert_eq!(NcsClassification::new("150102")?.level(), 3);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn level(&self) -> u8 {
        // The length is 2, 4, 6 or 8 by construction.
        (self.0.len() / 2) as u8
    }

    /// Whether `other` lies in this classification (itself or below it).
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::NcsClassification;
    /// let c = NcsClassification::new("1501")?;
    /// assert!(c.contains(&NcsClassification::new("15010202")?));
    /// assert!(!c.contains(&NcsClassification::new("1502")?));
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn contains(&self, other: &NcsClassification) -> bool {
        other.0.starts_with(&self.0)
    }

    /// The digits.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::NcsClassification;
    /// assert_eq!(NcsClassification::new("15")?.as_str(), "15");
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for NcsClassification {
    type Error = InputError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        NcsClassification::new(&s)
    }
}

impl From<NcsClassification> for String {
    fn from(c: NcsClassification) -> String {
        c.0
    }
}

impl fmt::Display for NcsClassification {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The six types of institution that may run a designated course, by 국가기술자격법 제10조제1항
/// (the Act's numbered items).
///
/// # Example
/// ```
/// use cqnet_core::LegalInstitutionType;
/// assert_eq!(LegalInstitutionType::HigherEducation.item(), 2);
/// assert_eq!(LegalInstitutionType::HigherEducation.korean_name(), "고등교육법 제2조에 따른 학교");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LegalInstitutionType {
    /// 제1호: high schools, higher technical schools and schools of their level (초·중등교육법
    /// 제2조제3호).
    SecondarySchool,
    /// 제2호: higher-education institutions (고등교육법 제2조).
    HigherEducation,
    /// 제3호: vocational training facilities (국민 평생 직업능력 개발법 제2조제3호).
    VocationalTrainingFacility,
    /// 제4호: facilities or bodies approved under 국민 평생 직업능력 개발법 제24조제1항.
    ApprovedTrainingBody,
    /// 제5호: lifelong vocational education academies (평생직업교육학원).
    LifelongVocationalAcademy,
    /// 제6호: lifelong education institutions (평생교육기관).
    LifelongEducationInstitution,
}

impl LegalInstitutionType {
    /// Every legal type, in the Act's order.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::LegalInstitutionType;
    /// assert_eq!(LegalInstitutionType::ALL.map(|t| t.item()), [1, 2, 3, 4, 5, 6]);
    /// ```
    pub const ALL: [LegalInstitutionType; 6] = [
        LegalInstitutionType::SecondarySchool,
        LegalInstitutionType::HigherEducation,
        LegalInstitutionType::VocationalTrainingFacility,
        LegalInstitutionType::ApprovedTrainingBody,
        LegalInstitutionType::LifelongVocationalAcademy,
        LegalInstitutionType::LifelongEducationInstitution,
    ];

    /// The item number (호) of 국가기술자격법 제10조제1항.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::LegalInstitutionType;
    /// assert_eq!(LegalInstitutionType::LifelongEducationInstitution.item(), 6);
    /// ```
    pub fn item(self) -> u8 {
        match self {
            LegalInstitutionType::SecondarySchool => 1,
            LegalInstitutionType::HigherEducation => 2,
            LegalInstitutionType::VocationalTrainingFacility => 3,
            LegalInstitutionType::ApprovedTrainingBody => 4,
            LegalInstitutionType::LifelongVocationalAcademy => 5,
            LegalInstitutionType::LifelongEducationInstitution => 6,
        }
    }

    /// The Korean name, as the Act describes the type.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::LegalInstitutionType;
    /// assert_eq!(LegalInstitutionType::LifelongVocationalAcademy.korean_name(), "평생직업교육학원");
    /// ```
    pub fn korean_name(self) -> &'static str {
        match self {
            LegalInstitutionType::SecondarySchool => {
                "고등학교·고등기술학교 및 이와 같은 수준의 학교"
            }
            LegalInstitutionType::HigherEducation => "고등교육법 제2조에 따른 학교",
            LegalInstitutionType::VocationalTrainingFacility => "직업능력개발훈련시설",
            LegalInstitutionType::ApprovedTrainingBody => {
                "직업능력개발훈련을 위하여 인정받은 시설·단체"
            }
            LegalInstitutionType::LifelongVocationalAcademy => "평생직업교육학원",
            LegalInstitutionType::LifelongEducationInstitution => "평생교육기관",
        }
    }
}

/// The type of an institution (기관 유형): one of the six legal types of 국가기술자격법
/// 제10조제1항, or one of the operating kinds CQ-Net lists institutions by (4년제 대학, 전문대학,
/// 폴리텍, 특성화고·마이스터고, 군, 직업훈련기관, 공공기관).
///
/// An operating kind names its legal type where that follows from the kind alone
/// ([`InstitutionType::legal_type`]); for a polytechnic, a military unit and a public
/// institution it depends on the institution, so a host that knows it records the legal type
/// instead.
///
/// # Example
/// ```
/// use cqnet_core::{InstitutionType, LegalInstitutionType};
/// let t: InstitutionType = "junior_college".parse()?;
/// assert_eq!(t.legal_type(), Some(LegalInstitutionType::HigherEducation));
/// assert_eq!(t.korean_name(), "전문대학");
/// assert!(InstitutionType::under(LegalInstitutionType::HigherEducation).contains(&InstitutionType::University));
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InstitutionType {
    /// 4년제 대학 (university).
    University,
    /// 전문대학 (junior college).
    JuniorCollege,
    /// 한국폴리텍대학 (polytechnic college).
    Polytechnic,
    /// 특성화고·마이스터고 (vocational high school).
    VocationalHighSchool,
    /// 군 (military training unit).
    Military,
    /// 직업훈련기관 (job-training institution).
    JobTrainingInstitution,
    /// 공공기관 (public institution).
    PublicInstitution,
    /// A legal type of 국가기술자격법 제10조제1항, with no operating kind recorded.
    #[serde(untagged)]
    Legal(LegalInstitutionType),
}

const OPERATING_KINDS: [(InstitutionType, &str, &str); 7] = [
    (InstitutionType::University, "university", "4년제 대학"),
    (InstitutionType::JuniorCollege, "junior_college", "전문대학"),
    (InstitutionType::Polytechnic, "polytechnic", "폴리텍"),
    (
        InstitutionType::VocationalHighSchool,
        "vocational_high_school",
        "특성화고·마이스터고",
    ),
    (InstitutionType::Military, "military", "군"),
    (
        InstitutionType::JobTrainingInstitution,
        "job_training_institution",
        "직업훈련기관",
    ),
    (
        InstitutionType::PublicInstitution,
        "public_institution",
        "공공기관",
    ),
];

const LEGAL_IDS: [(LegalInstitutionType, &str); 6] = [
    (LegalInstitutionType::SecondarySchool, "secondary_school"),
    (LegalInstitutionType::HigherEducation, "higher_education"),
    (
        LegalInstitutionType::VocationalTrainingFacility,
        "vocational_training_facility",
    ),
    (
        LegalInstitutionType::ApprovedTrainingBody,
        "approved_training_body",
    ),
    (
        LegalInstitutionType::LifelongVocationalAcademy,
        "lifelong_vocational_academy",
    ),
    (
        LegalInstitutionType::LifelongEducationInstitution,
        "lifelong_education_institution",
    ),
];

impl InstitutionType {
    /// Every type: the six legal types, then the seven operating kinds.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::InstitutionType;
    /// assert_eq!(InstitutionType::all().count(), 13);
    /// ```
    pub fn all() -> impl Iterator<Item = InstitutionType> {
        LegalInstitutionType::ALL
            .into_iter()
            .map(InstitutionType::Legal)
            .chain(OPERATING_KINDS.iter().map(|k| k.0))
    }

    /// The legal type of 국가기술자격법 제10조제1항 this type falls under, when the type alone
    /// tells: a university and a junior college are schools of 고등교육법 제2조 (제2호), a
    /// vocational high school one of 초·중등교육법 제2조제3호 (제1호), a job-training
    /// institution a vocational training facility (제3호).
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::{InstitutionType, LegalInstitutionType};
    /// assert_eq!(InstitutionType::VocationalHighSchool.legal_type(), Some(LegalInstitutionType::SecondarySchool));
    /// assert_eq!(InstitutionType::Military.legal_type(), None);
    /// ```
    pub fn legal_type(self) -> Option<LegalInstitutionType> {
        match self {
            InstitutionType::Legal(t) => Some(t),
            InstitutionType::University | InstitutionType::JuniorCollege => {
                Some(LegalInstitutionType::HigherEducation)
            }
            InstitutionType::VocationalHighSchool => Some(LegalInstitutionType::SecondarySchool),
            InstitutionType::JobTrainingInstitution => {
                Some(LegalInstitutionType::VocationalTrainingFacility)
            }
            InstitutionType::Polytechnic
            | InstitutionType::Military
            | InstitutionType::PublicInstitution => None,
        }
    }

    /// Every type that falls under a legal type: the legal type itself and the operating
    /// kinds that name it, for a search of every institution of that type.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::{InstitutionType, LegalInstitutionType};
    /// let under = InstitutionType::under(LegalInstitutionType::HigherEducation);
    /// assert_eq!(under.len(), 3); // the type itself, 4년제 대학, 전문대학
    /// ```
    pub fn under(legal: LegalInstitutionType) -> Vec<InstitutionType> {
        InstitutionType::all()
            .filter(|t| t.legal_type() == Some(legal))
            .collect()
    }

    /// The stable identifier (`higher_education`, `junior_college`, …).
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::InstitutionType;
    /// assert_eq!(InstitutionType::Military.as_str(), "military");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            InstitutionType::Legal(t) => LEGAL_IDS.iter().find(|e| e.0 == t).map_or("", |e| e.1),
            kind => OPERATING_KINDS
                .iter()
                .find(|e| e.0 == kind)
                .map_or("", |e| e.1),
        }
    }

    /// The Korean name.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::InstitutionType;
    /// assert_eq!(InstitutionType::University.korean_name(), "4년제 대학");
    /// ```
    pub fn korean_name(self) -> &'static str {
        match self {
            InstitutionType::Legal(t) => t.korean_name(),
            kind => OPERATING_KINDS
                .iter()
                .find(|e| e.0 == kind)
                .map_or("", |e| e.2),
        }
    }
}

impl fmt::Display for InstitutionType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for InstitutionType {
    type Err = InputError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        InstitutionType::all()
            .find(|t| t.as_str() == s)
            .ok_or_else(|| InputError::Unknown {
                what: "institution type",
                value: InputError::quoted(s),
                expected: "secondary_school, higher_education, vocational_training_facility, approved_training_body, lifelong_vocational_academy, lifelong_education_institution, university, junior_college, polytechnic, vocational_high_school, military, job_training_institution, public_institution",
            })
    }
}

/// A province-level region (시도) by its two-digit administrative code (행정구역 코드), as
/// Work24's course search lists them.
///
/// 강원 and 전북 became special self-governing provinces (특별자치도) with new codes 51 (2023)
/// and 52 (2024); [`Sido::from_code`] reads their former codes 42 and 45 as the same
/// provinces, and [`Sido::code`] answers the current ones.
///
/// # Example
/// ```
/// use cqnet_core::Sido;
/// assert_eq!(Sido::from_code("11")?, Sido::Seoul);
/// assert_eq!(Sido::from_code("45")?.code(), "52");
/// assert_eq!(Sido::Busan.korean_name(), "부산광역시");
/// assert!(Sido::from_code("99").is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Sido {
    /// 서울특별시 (11).
    Seoul,
    /// 부산광역시 (26).
    Busan,
    /// 대구광역시 (27).
    Daegu,
    /// 인천광역시 (28).
    Incheon,
    /// 광주광역시 (29).
    Gwangju,
    /// 대전광역시 (30).
    Daejeon,
    /// 울산광역시 (31).
    Ulsan,
    /// 세종특별자치시 (36).
    Sejong,
    /// 경기도 (41).
    Gyeonggi,
    /// 충청북도 (43).
    Chungbuk,
    /// 충청남도 (44).
    Chungnam,
    /// 전라남도 (46).
    Jeonnam,
    /// 경상북도 (47).
    Gyeongbuk,
    /// 경상남도 (48).
    Gyeongnam,
    /// 제주특별자치도 (50).
    Jeju,
    /// 강원특별자치도 (51; 42 before 2023).
    Gangwon,
    /// 전북특별자치도 (52; 45 before 2024).
    Jeonbuk,
}

const SIDO: [(Sido, &str, &str); 17] = [
    (Sido::Seoul, "11", "서울특별시"),
    (Sido::Busan, "26", "부산광역시"),
    (Sido::Daegu, "27", "대구광역시"),
    (Sido::Incheon, "28", "인천광역시"),
    (Sido::Gwangju, "29", "광주광역시"),
    (Sido::Daejeon, "30", "대전광역시"),
    (Sido::Ulsan, "31", "울산광역시"),
    (Sido::Sejong, "36", "세종특별자치시"),
    (Sido::Gyeonggi, "41", "경기도"),
    (Sido::Chungbuk, "43", "충청북도"),
    (Sido::Chungnam, "44", "충청남도"),
    (Sido::Jeonnam, "46", "전라남도"),
    (Sido::Gyeongbuk, "47", "경상북도"),
    (Sido::Gyeongnam, "48", "경상남도"),
    (Sido::Jeju, "50", "제주특별자치도"),
    (Sido::Gangwon, "51", "강원특별자치도"),
    (Sido::Jeonbuk, "52", "전북특별자치도"),
];

impl Sido {
    /// Every 시도, in code order.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::Sido;
    /// assert_eq!(Sido::all().count(), 17);
    /// ```
    pub fn all() -> impl Iterator<Item = Sido> {
        SIDO.iter().map(|e| e.0)
    }

    /// The 시도 of a two-digit code (the former codes 42 and 45 included).
    ///
    /// # Errors
    /// [`InputError::Unknown`] for any other text.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::Sido;
    /// assert_eq!(Sido::from_code("42")?, Sido::Gangwon);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn from_code(code: &str) -> Result<Sido, InputError> {
        let current = match code {
            "42" => "51",
            "45" => "52",
            other => other,
        };
        SIDO.iter()
            .find(|e| e.1 == current)
            .map(|e| e.0)
            .ok_or_else(|| InputError::Unknown {
                what: "시도 code",
                value: InputError::quoted(code),
                expected: "11, 26, 27, 28, 29, 30, 31, 36, 41, 43, 44, 46, 47, 48, 50, 51 (or 42), 52 (or 45)",
            })
    }

    /// The current two-digit code.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::Sido;
    /// assert_eq!(Sido::Gyeonggi.code(), "41");
    /// ```
    pub fn code(self) -> &'static str {
        SIDO.iter().find(|e| e.0 == self).map_or("", |e| e.1)
    }

    /// The Korean name.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::Sido;
    /// assert_eq!(Sido::Jeju.korean_name(), "제주특별자치도");
    /// ```
    pub fn korean_name(self) -> &'static str {
        SIDO.iter().find(|e| e.0 == self).map_or("", |e| e.2)
    }
}

impl TryFrom<String> for Sido {
    type Error = InputError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Sido::from_code(&s)
    }
}

impl From<Sido> for String {
    fn from(s: Sido) -> String {
        s.code().to_owned()
    }
}

impl fmt::Display for Sido {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A region (지역): a 시도 and, optionally, a 시군구 by its five-digit code, whose first two
/// digits are the 시도's code (`11680`, 서울특별시 강남구). As a search filter, a region without
/// a 시군구 covers every 시군구 of its 시도.
///
/// # Errors
/// [`Region::new`] refuses a 시군구 code that is not five digits or does not start with the
/// 시도's code.
///
/// # Example
/// ```
/// use cqnet_core::{Region, Sido};
/// let gangnam = Region::new(Sido::Seoul, Some("11680"))?;
/// let seoul = Region::new(Sido::Seoul, None)?;
/// assert!(seoul.covers(&gangnam) && !gangnam.covers(&seoul));
/// assert!(Region::new(Sido::Busan, Some("11680")).is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "RegionWire")]
pub struct Region {
    sido: Sido,
    #[serde(skip_serializing_if = "Option::is_none")]
    sigungu: Option<String>,
}

#[derive(Deserialize)]
struct RegionWire {
    sido: Sido,
    #[serde(default)]
    sigungu: Option<String>,
}

impl TryFrom<RegionWire> for Region {
    type Error = InputError;
    fn try_from(w: RegionWire) -> Result<Self, Self::Error> {
        Region::new(w.sido, w.sigungu.as_deref())
    }
}

impl Region {
    /// A region.
    ///
    /// # Errors
    /// [`InputError::Malformed`] for a 시군구 code that is not five ASCII digits;
    /// [`InputError::Inconsistent`] for one outside the 시도 (former codes 42 and 45 are read
    /// as 51 and 52).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::{Region, Sido};
    /// assert_eq!(Region::new(Sido::Gangwon, Some("42110"))?.sigungu(), Some("51110"));
    /// assert!(Region::new(Sido::Seoul, Some("1168")).is_err());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn new(sido: Sido, sigungu: Option<&str>) -> Result<Self, InputError> {
        let sigungu = match sigungu {
            None => None,
            Some(code) => {
                if code.len() != 5 || !code.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(InputError::Malformed {
                        what: "시군구 code",
                        value: InputError::quoted(code),
                        expected: "five digits starting with the 시도 code, such as 11680",
                    });
                }
                let (province, district) = code.split_at(2);
                if Sido::from_code(province).ok() != Some(sido) {
                    return Err(InputError::Inconsistent(format!(
                        "시군구 {code} does not lie in 시도 {} ({})",
                        sido.code(),
                        sido.korean_name()
                    )));
                }
                Some(format!("{}{district}", sido.code()))
            }
        };
        Ok(Region { sido, sigungu })
    }

    /// The 시도.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::{Region, Sido};
    /// assert_eq!(Region::new(Sido::Ulsan, None)?.sido(), Sido::Ulsan);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn sido(&self) -> Sido {
        self.sido
    }

    /// The 시군구 code, when given (with the 시도's current code).
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::{Region, Sido};
    /// assert_eq!(Region::new(Sido::Seoul, Some("11680"))?.sigungu(), Some("11680"));
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn sigungu(&self) -> Option<&str> {
        self.sigungu.as_deref()
    }

    /// Whether `other` lies in this region: the same 시도, and the same 시군구 when this
    /// region names one.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::{Region, Sido};
    /// let seoul = Region::new(Sido::Seoul, None)?;
    /// assert!(seoul.covers(&Region::new(Sido::Seoul, Some("11110"))?));
    /// assert!(!seoul.covers(&Region::new(Sido::Busan, None)?));
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn covers(&self, other: &Region) -> bool {
        self.sido == other.sido
            && match &self.sigungu {
                None => true,
                Some(code) => other.sigungu.as_ref() == Some(code),
            }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn every_institution_type_reads_back_from_its_identifier_and_its_json() {
        for t in InstitutionType::all() {
            assert_eq!(t.as_str().parse::<InstitutionType>().unwrap(), t);
            let json = serde_json::to_string(&t).unwrap();
            assert_eq!(json, format!("\"{}\"", t.as_str()));
            assert_eq!(serde_json::from_str::<InstitutionType>(&json).unwrap(), t);
            assert!(!t.korean_name().is_empty());
        }
    }

    #[test]
    fn every_sido_reads_back_from_its_code() {
        for s in Sido::all() {
            assert_eq!(Sido::from_code(s.code()).unwrap(), s);
            assert!(!s.korean_name().is_empty());
        }
    }

    #[test]
    fn a_region_refuses_a_foreign_district_when_read_from_json() {
        assert!(serde_json::from_str::<Region>(r#"{"sido":"26","sigungu":"11680"}"#).is_err());
        let r: Region = serde_json::from_str(r#"{"sido":"11","sigungu":"11680"}"#).unwrap();
        assert_eq!(r.sigungu(), Some("11680"));
    }
}
